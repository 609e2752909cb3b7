package dev.petdb.cli.app;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import dev.petdb.cli.CliException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A clone of this repository: its root (the directory whose {@code pom.xml} is {@value #ROOT_ARTIFACT_ID}) and the
 * modules of its build.
 */
final class Repository {
    /** The artifactId of the root pom. */
    static final String ROOT_ARTIFACT_ID = "petdb-parent";

    /**
     * A module of the build.
     *
     * @param path       its directory, relative to the root, as the poms list it
     * @param artifactId its artifactId, or empty when its pom cannot be read
     */
    record Module(String path, Optional<String> artifactId) {
        /** @return its directory's own name */
        String directoryName() {
            return Path.of(path).getFileName().toString();
        }
    }

    private final Path root;
    private final String rootPom;
    private final Document rootModel;

    private Repository(Path root, String rootPom, Document rootModel) {
        this.root = root;
        this.rootPom = rootPom;
        this.rootModel = rootModel;
    }

    /**
     * @param directory the directory the operator named as the root
     * @return the repository
     * @throws CliException (usage) when its pom.xml is missing or is not {@value #ROOT_ARTIFACT_ID}
     */
    static Repository at(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        return open(root).orElseThrow(() -> CliException.usage(root + " is not the root of a petdb repository: "
                + "it has no pom.xml with artifactId " + ROOT_ARTIFACT_ID));
    }

    /**
     * @param start where to look first: usually the working directory
     * @return the repository of the first directory, from {@code start} upward, whose pom.xml is the root pom
     * @throws CliException (usage) when there is none
     */
    static Repository find(Path start) {
        Path from = start.toAbsolutePath().normalize();
        for (Path directory = from; directory != null; directory = directory.getParent()) {
            Optional<Repository> repository = open(directory);
            if (repository.isPresent()) {
                return repository.get();
            }
        }
        throw CliException.usage("no petdb repository at or above " + from + " (no pom.xml with artifactId "
                + ROOT_ARTIFACT_ID + "); run this in a clone of it, or pass --dir");
    }

    private static Optional<Repository> open(Path directory) {
        Path pom = directory.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(pom);
            Document model = parse(text);
            return ROOT_ARTIFACT_ID.equals(child(model.getDocumentElement(), "artifactId").orElse(null))
                    ? Optional.of(new Repository(directory, text, model))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return the root directory, absolute */
    Path root() {
        return root;
    }

    /** @return the root pom's version, which every module shares */
    String version() {
        return child(rootModel.getDocumentElement(), "version")
                .orElseThrow(() -> CliException.failure(root.resolve("pom.xml") + " has no <version>"));
    }

    /** @return the root pom as it is on disk */
    String rootPom() {
        return rootPom;
    }

    /** @return every module of the build, nested modules too, in the order the poms list them */
    List<Module> modules() {
        List<Module> modules = new ArrayList<>();
        collect("", rootModel, modules, new LinkedHashSet<>());
        return modules;
    }

    private void collect(String prefix, Document model, List<Module> into, Set<Path> seen) {
        for (String listed : moduleLines(model)) {
            Path directory = root.resolve(prefix).resolve(listed).normalize();
            if (!seen.add(directory)) {
                continue;
            }
            String path = root.relativize(directory).toString().replace('\\', '/');
            Optional<Document> pom = readPom(directory.resolve("pom.xml"));
            into.add(new Module(path, pom.flatMap(p -> child(p.getDocumentElement(), "artifactId"))));
            pom.ifPresent(p -> collect(path, p, into, seen));
        }
    }

    /**
     * @param name a new app's name
     * @return why the name is taken, if it is: by a file or directory {@code apps/NAME}, by a module of that name or
     *         artifactId, or by a module's package {@code dev.petdb.NAME}
     */
    Optional<String> whyTaken(NewAppName name) {
        if (Files.exists(root.resolve(name.modulePath()), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(name.modulePath() + " exists already");
        }
        for (Module module : modules()) {
            if (module.directoryName().equals(name.value())) {
                return Optional.of("the build has a module " + module.path());
            }
            if (module.artifactId().filter(name.value()::equals).isPresent()) {
                return Optional.of("module " + module.path() + " has artifactId " + name);
            }
            for (String sources : List.of("src/main/java", "src/test/java")) {
                if (Files.exists(root.resolve(module.path()).resolve(sources).resolve("dev/petdb").resolve(name.value()),
                        LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.of("module " + module.path() + " has the package dev.petdb." + name);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The root pom with one more module: a line like the last {@code <module>} line, after it.
     *
     * @param modulePath the module's directory, relative to the root
     * @return the new text of the root pom
     * @throws CliException (failure) when the pom's modules are not laid out one per line
     */
    String rootPomWithModule(String modulePath) {
        int end = rootPom.indexOf("</modules>");
        int last = end < 0 ? -1 : rootPom.lastIndexOf("<module>", end);
        int lineStart = rootPom.lastIndexOf('\n', Math.max(last, 0)) + 1;
        int lineEnd = last < 0 ? -1 : rootPom.indexOf('\n', last);
        if (last < 0 || lineEnd < 0 || lineEnd > end || !rootPom.substring(lineStart, last).isBlank()) {
            throw cannotEdit();
        }
        String newline = rootPom.charAt(lineEnd - 1) == '\r' ? "\r\n" : "\n";
        String line = rootPom.substring(lineStart, last) + "<module>" + modulePath + "</module>" + newline;
        String edited = rootPom.substring(0, lineEnd + 1) + line + rootPom.substring(lineEnd + 1);
        List<String> expected = new ArrayList<>(moduleLines(rootModel));
        expected.add(modulePath);
        if (!moduleLines(parse(edited)).equals(expected)) {
            throw cannotEdit();
        }
        return edited;
    }

    private CliException cannotEdit() {
        return CliException.failure("cannot find where to add the module in " + root.resolve("pom.xml")
                + ": its <modules> should list one <module> per line; nothing was written");
    }

    private static List<String> moduleLines(Document model) {
        List<String> modules = new ArrayList<>();
        element(model.getDocumentElement(), "modules").ifPresent(list -> {
            for (Node node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals("module")) {
                    modules.add(element.getTextContent().strip());
                }
            }
        });
        return modules;
    }

    private static Optional<Document> readPom(Path pom) {
        try {
            return Files.isRegularFile(pom) ? Optional.of(parse(Files.readString(pom))) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @throws IllegalArgumentException when the text is not well-formed XML */
    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not a well-formed pom: " + e.getMessage(), e);
        }
    }

    /** @return the text of the parent's first child element of that name */
    private static Optional<String> child(Element parent, String name) {
        return element(parent, name).map(element -> element.getTextContent().strip());
    }

    private static Optional<Element> element(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }
}
