package org.flapp.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.flapp.app.FlappServer;
import org.flapp.client.FlappClient;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Build-time generator (run by exec-maven-plugin in {@code prepare-package}) of what the
 * packages ship besides the jars: a man page per command and subcommand, gzipped
 * ({@code OUT/man/man1/flappserver-create.1.gz}), and bash completion scripts
 * ({@code OUT/completion/flappserver}). Both come from the picocli command definitions, so they
 * cannot drift from {@code --help}.
 *
 * <p>Usage: {@code DocsGenerator OUTPUT-DIRECTORY VERSION}. Output is byte-for-byte reproducible
 * (gzip headers carry no time stamp).
 */
public final class DocsGenerator {
    private DocsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: DocsGenerator OUTPUT-DIRECTORY VERSION");
        }
        Path out = Path.of(args[0]);
        generate(out, args[1]);
    }

    static void generate(Path out, String version) throws IOException {
        Path man = Files.createDirectories(out.resolve("man/man1"));
        Path completion = Files.createDirectories(out.resolve("completion"));
        ManPage renderer = new ManPage(version);
        for (CommandLine root : List.of(new CommandLine(new FlappServer()), FlappClient.commandLineForDocs())) {
            String name = root.getCommandName();
            Files.writeString(completion.resolve(name), AutoComplete.bash(name, root), StandardCharsets.UTF_8);
            Deque<CommandLine> todo = new ArrayDeque<>(List.of(root));
            while (!todo.isEmpty()) {
                CommandLine command = todo.pop();
                writeGzipped(man.resolve(ManPage.fileName(command.getCommandSpec()) + ".gz"),
                        renderer.render(command.getCommandSpec()));
                command.getSubcommands().values().stream().distinct().forEach(todo::add);
            }
        }
    }

    private static void writeGzipped(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
