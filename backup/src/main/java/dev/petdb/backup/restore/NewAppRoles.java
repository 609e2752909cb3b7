package dev.petdb.backup.restore;

import java.util.List;
import java.util.Map;

import dev.petdb.backup.dump.TocEntry;
import dev.petdb.dburl.SqlText;

/**
 * The app roles a whole-database restore onto a new server makes again. A dump of dokku's holds no roles, but each
 * petdb app's schema carries a marker comment: its table of contents names every schema that has a comment (as a
 * {@code COMMENT} entry tagged {@code SCHEMA name}), and the restore's own transaction then checks that the comment is
 * the marker before it makes the role, so a schema with some other comment gets none.
 * <p>
 * The caller says what each role is ({@link #statements}) and may refuse, before any data is restored; the roles are
 * made in the restore's transaction, after the data and before the schemas are given to them, so a restore that fails
 * or is killed leaves no role behind (roles are cluster-wide, but {@code CREATE ROLE} is transactional).
 */
public interface NewAppRoles {
    /**
     * Called once the backup's table of contents is read, before any data is restored; may refuse by throwing.
     *
     * @param schemas the backup's schemas, but {@code public}, that carry a comment: petdb apps, if the comment is the
     *                marker
     * @return for each schema to make a role for, the statements (without semicolons) that make it
     */
    Map<String, List<String>> statements(List<String> schemas);

    /** @return the schemas, but {@code public}, that carry a comment in a dump with these entries */
    static List<String> commentedSchemas(List<TocEntry> entries) {
        return entries.stream().filter(e -> e.desc().equals("COMMENT") && e.tag().startsWith("SCHEMA "))
                .map(e -> e.tag().substring("SCHEMA ".length()))
                .filter(name -> !name.equals("public")).distinct().toList();
    }

    /**
     * @param schema     an app's schema
     * @param marker     the comment that marks petdb's apps
     * @param statements what makes its role
     * @return a {@code DO} block that runs them only when the schema carries the marker
     */
    static String ifMarked(String schema, String marker, List<String> statements) {
        StringBuilder sql = new StringBuilder("DO $petdb$\nBEGIN\n  IF obj_description(to_regnamespace(")
                .append(SqlText.literal(SqlText.identifier(schema))).append("), 'pg_namespace') = ")
                .append(SqlText.literal(marker)).append(" THEN\n");
        statements.forEach(statement -> sql.append("    ").append(statement).append(";\n"));
        return sql.append("  END IF;\nEND\n$petdb$;\n").toString();
    }
}
