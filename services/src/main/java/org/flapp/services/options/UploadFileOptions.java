package org.flapp.services.options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flapp.services.BadServiceArguments;
import org.flapp.services.ServiceHelpRequested;

/**
 * The parsed arguments of an {@code upload-file} service:
 * {@code [--mode=OCTAL] [--allow-subdirectories] TARGETDIR}.
 *
 * <p>Parsing follows Python's {@code FileUploaderOptions}: {@code --mode 0600},
 * {@code --mode=0600} and {@code --mode=0o600} are octal; a mode without a leading {@code 0} is
 * read as <em>decimal</em> (Python's rule, so {@code --mode=420} is 0644); the last {@code --mode}
 * wins; TARGETDIR is made absolute against the base directory and must exist and be writable.
 * Differences, all refusals of arguments Python accepted and then failed on at upload time: a
 * mode that is not a number or has bits outside {@code 0777} is refused here, TARGETDIR must be a
 * directory, and {@code --allow-subdirectories} (a TODO in Python) is implemented.
 *
 * @param targetDir absolute, normalized directory that receives the files
 * @param mode permission bits given to every uploaded file (0 to 0777)
 * @param allowSubdirectories whether names like {@code a/b/c} create and use subdirectories
 */
public record UploadFileOptions(Path targetDir, int mode, boolean allowSubdirectories) {
    /** Python's default, 0644. */
    public static final int DEFAULT_MODE = 0644;

    private static final LongOptionParser PARSER = new LongOptionParser(List.of(
            new LongOptionParser.Option("allow-subdirectories", false, true),
            new LongOptionParser.Option("help", false, true),
            new LongOptionParser.Option("mode", true, false),
            new LongOptionParser.Option("version", false, true)));

    static final String USAGE = """
            Usage: flappserver add BASEDIR upload-file [options] TARGETDIR
            Options:
                  --allow-subdirectories  let clients upload into subdirectories (a/b/c),
                                          created as needed
                  --help                  Display this help and exit.
                  --mode=                 mode of uploaded files: octal with a leading 0
                                          (0644), else decimal [default: 0644]
                  --version               Display the version and exit.

            This service allows clients to upload files to a specific directory.
            """;

    /**
     * Parses {@code args}; a relative TARGETDIR is resolved against {@code baseDir}.
     *
     * @throws ServiceHelpRequested for {@code --help} or {@code --version}
     * @throws BadServiceArguments with the message the CLI prints
     */
    public static UploadFileOptions parse(List<String> args, Path baseDir) throws BadServiceArguments {
        LongOptionParser.Result parsed = PARSER.parse(args);
        int mode = DEFAULT_MODE;
        boolean allowSubdirectories = false;
        for (LongOptionParser.Found option : parsed.options()) {
            switch (option.name()) {
                case "help" -> throw new ServiceHelpRequested(USAGE);
                case "version" -> throw new ServiceHelpRequested(Version.line());
                case "mode" -> mode = parseMode(option.value());
                case "allow-subdirectories" -> allowSubdirectories = true;
                default -> throw new IllegalStateException("option table and switch disagree: " + option);
            }
        }
        if (parsed.positionals().size() != 1) {
            throw LongOptionParser.usage("Wrong number of arguments.");
        }
        Path targetDir = baseDir.toAbsolutePath().resolve(parsed.positionals().get(0)).normalize();
        if (!Files.exists(targetDir)) {
            throw new BadServiceArguments("targetdir '" + targetDir + "' must already exist");
        }
        if (!Files.isDirectory(targetDir)) {
            throw new BadServiceArguments("targetdir '" + targetDir + "' must be a directory");
        }
        if (!Files.isWritable(targetDir)) {
            throw new BadServiceArguments("targetdir '" + targetDir + "' must be writeable");
        }
        return new UploadFileOptions(targetDir, mode, allowSubdirectories);
    }

    /** Python's rule: a leading 0 means octal ({@code 0o} allowed), anything else decimal. */
    static int parseMode(String text) throws BadServiceArguments {
        long value;
        try {
            if (text.startsWith("0")) {
                String digits = text.length() > 1 && (text.charAt(1) == 'o' || text.charAt(1) == 'O')
                        ? text.substring(2) : text;
                if (!digits.matches("[0-7]{1,12}")) {
                    throw new NumberFormatException();
                }
                value = Long.parseLong(digits, 8);
            } else {
                if (!text.matches("[0-9]{1,12}")) {
                    throw new NumberFormatException();
                }
                value = Long.parseLong(text, 10);
            }
        } catch (NumberFormatException e) {
            throw new BadServiceArguments("--mode '" + text
                    + "' is not a number (use octal with a leading 0, e.g. 0644)");
        }
        if (value > 0777) {
            throw new BadServiceArguments("--mode '" + text + "' is 0" + Long.toOctalString(value)
                    + ", which has bits outside 0777"
                    + (text.startsWith("0") ? "" : " (a mode without a leading 0 is decimal; did you mean 0"
                            + text + "?)"));
        }
        return (int) value;
    }
}
