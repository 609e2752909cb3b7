package dev.petdb.cli.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code petdb app new NAME}.
 */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Create apps/NAME, a new app on the kit that builds and passes its test as it is: its pom, "
                + "main class, GET and POST /items and GET /items/{id}, a first migration, a test, a Procfile and "
                + "an app.json; and add it to the modules of the root pom.",
                "Writes nothing when NAME is invalid or taken."})
public final class AppNewCommand implements Runnable {
    private final CliContext context;

    @Parameters(paramLabel = "NAME", description = "The app's name, which is also its schema, its Dokku app, its package "
            + "dev.petdb.NAME and its artifactId: 1 to " + NewAppName.MAX_LENGTH + " lower-case letters and digits, "
            + "starting with a letter; no Java keyword.")
    private String app;

    @Option(names = "--dir", paramLabel = "PATH",
            description = "The repository's root (default: the first directory from here upward whose pom.xml is "
                    + Repository.ROOT_ARTIFACT_ID + ").")
    private Path dir;

    AppNewCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        NewAppName name = NewAppName.parse(app);
        Repository repository = dir != null ? Repository.at(dir) : Repository.find(Path.of(System.getProperty("user.dir")));
        repository.whyTaken(name).ifPresent(why -> {
            throw CliException.usage("app name '" + name + "' is taken: " + why + "; nothing was written");
        });
        List<String> written = new AppScaffold().create(repository, name);
        printResult(context.out(), repository.root(), name, written);
    }

    private static void printResult(PrintWriter out, Path root, NewAppName name, List<String> written) {
        String module = name.modulePath();
        out.println("created app " + name + " in " + root + ":");
        for (String file : written) {
            out.println("  " + file + (file.equals("pom.xml") ? " (added <module>" + module + "</module>)" : ""));
        }
        out.println();
        out.println("next steps, in " + root + ":");
        step(out, "build it and run its test", "./mvnw -pl " + module + " -am verify");
        step(out, "run it on an embedded PostgreSQL, then curl localhost:8080/items", "./run " + name);
        step(out, "commit it: Dokku deploys what is pushed", "git add " + module + " pom.xml && git commit");
        step(out, "on the Dokku host (docs/deploy.md): the app, its Procfile and app.json, its network to petdb, its role",
                "dokku apps:create " + name,
                "dokku ps:set " + name + " procfile-path " + module + "/Procfile",
                "dokku app-json:set " + name + " appjson-path " + module + "/app.json",
                "dokku network:set " + name + " attach-post-create petdb-net",
                "petdb schema create " + name);
        step(out, "with the DATABASE_URL that schema create printed", "dokku config:set " + name + " DATABASE_URL=...");
        step(out, "from your clone", "git remote add dokku-" + name + " dokku@DOKKU_HOST:" + name,
                "git push dokku-" + name + " main");
    }

    private static void step(PrintWriter out, String comment, String... commands) {
        out.println("  # " + comment);
        for (String command : commands) {
            out.println("  " + command);
        }
    }
}
