package dev.petdb.cli.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.petdb.cli.CliException;

/**
 * Writes a new app module {@code apps/NAME} from the templates beside this class, and adds it to the root pom's
 * modules. All or nothing: the module is written in a directory beside {@code apps/} and the pom to a temporary
 * file, then both are moved into place; if the second move fails, the first is undone.
 */
final class AppScaffold {
    /** Moves a directory or file into place, atomically. */
    @FunctionalInterface
    interface Mover {
        /**
         * @param from what to move
         * @param to   where; a file there is replaced
         * @throws IOException when it cannot be moved
         */
        void move(Path from, Path to) throws IOException;
    }

    /**
     * One file of the module.
     *
     * @param template the template's name beside this class, under {@code template/}
     * @param path     the file's path in the module; placeholders allowed
     */
    private record ModuleFile(String template, String path) {
    }

    private static final List<ModuleFile> FILES = List.of(
            new ModuleFile("pom.xml.tmpl", "pom.xml"),
            new ModuleFile("Procfile.tmpl", "Procfile"),
            new ModuleFile("app.json.tmpl", "app.json"),
            new ModuleFile("App.java.tmpl", "src/main/java/dev/petdb/{{name}}/{{Name}}App.java"),
            new ModuleFile("items/Item.java.tmpl", "src/main/java/dev/petdb/{{name}}/items/Item.java"),
            new ModuleFile("items/NewItem.java.tmpl", "src/main/java/dev/petdb/{{name}}/items/NewItem.java"),
            new ModuleFile("items/ItemStore.java.tmpl", "src/main/java/dev/petdb/{{name}}/items/ItemStore.java"),
            new ModuleFile("items/ItemRoutes.java.tmpl", "src/main/java/dev/petdb/{{name}}/items/ItemRoutes.java"),
            new ModuleFile("V1__create_items.sql.tmpl", "src/main/resources/db/migration/{{name}}/V1__create_items.sql"),
            new ModuleFile("openapi.json.tmpl", "src/main/resources/openapi/{{name}}.json"),
            new ModuleFile("AppTest.java.tmpl", "src/test/java/dev/petdb/{{name}}/{{Name}}AppTest.java"));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    private final Mover mover;

    AppScaffold() {
        this((from, to) -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE));
    }

    /** @param mover how files are moved into place; tests pass one that fails */
    AppScaffold(Mover mover) {
        this.mover = mover;
    }

    /**
     * @param repository where to write; the caller has made sure the name is not taken
     * @param name       the app
     * @return the files written, relative to the root: the module's, then {@code pom.xml}
     * @throws CliException (failure) when something cannot be written; then nothing has changed
     */
    List<String> create(Repository repository, NewAppName name) {
        Path root = repository.root();
        Path apps = root.resolve("apps");
        Path module = root.resolve(name.modulePath());
        Map<String, String> values = Map.of("name", name.value(), "Name", name.classPrefix(),
                "version", repository.version());
        String rootPom = repository.rootPomWithModule(name.modulePath());
        List<String> written = new ArrayList<>();
        Path staging = null;
        Path pomFile = null;
        boolean moduleMoved = false;
        try {
            staging = Files.createTempDirectory(root, ".petdb-app-new-");
            samePermissions(apps, staging);
            for (ModuleFile file : FILES) {
                String path = render(file.path(), values);
                Path target = staging.resolve(path);
                Files.createDirectories(target.getParent());
                Files.writeString(target, render(template(file.template()), values));
                written.add(name.modulePath() + "/" + path);
            }
            pomFile = Files.createTempFile(root, ".pom.xml.", ".petdb-app-new");
            Files.writeString(pomFile, rootPom);
            samePermissions(root.resolve("pom.xml"), pomFile);
            if (Files.exists(module, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(name.modulePath() + " appeared while it was being written");
            }
            mover.move(staging, module);
            moduleMoved = true;
            mover.move(pomFile, root.resolve("pom.xml"));
            written.add("pom.xml");
            return written;
        } catch (IOException | RuntimeException e) {
            boolean undone = !moduleMoved || deleteTree(module, e);
            throw CliException.failure("could not create " + name.modulePath() + " (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); " + (undone ? "nothing was changed"
                    : "delete " + module + ", which could not be removed"), e);
        } finally {
            if (staging != null) {
                deleteTree(staging, null);
            }
            if (pomFile != null) {
                deleteTree(pomFile, null);
            }
        }
    }

    /**
     * @param text   a template or a path
     * @param values what each {@code {{key}}} stands for
     * @return the text with every placeholder replaced
     * @throws IllegalStateException for a placeholder without a value: a bug in the templates
     */
    static String render(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("template placeholder " + matcher.group() + " has no value");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    private static String template(String name) {
        try (InputStream in = AppScaffold.class.getResourceAsStream("template/" + name)) {
            if (in == null) {
                throw new IllegalStateException("template " + name + " is missing from the petdb jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }

    /** Temporary files are private to their owner; what is moved into the tree gets its neighbour's permissions. */
    private static void samePermissions(Path like, Path file) throws IOException {
        PosixFileAttributeView model = Files.getFileAttributeView(like, PosixFileAttributeView.class);
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (model != null && view != null) {
            view.setPermissions(model.readAttributes().permissions());
        }
    }

    /**
     * Deletes a file or a directory with all it holds.
     *
     * @return whether it is gone; if not, why is added to {@code failure}, when given
     */
    private static boolean deleteTree(Path path, Exception failure) {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
            return false;
        }
    }
}
