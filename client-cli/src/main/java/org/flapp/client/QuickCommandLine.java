package org.flapp.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A fast path past picocli for the invocations scripts make all the time: well-formed
 * {@code upload-file} and {@code run-command} command lines. picocli is the real parser (help,
 * version, every usage error and its message); this class only recognises a strict subset and
 * says "not sure" (null) for anything else, and the caller then runs picocli as before.
 *
 * <p>Why: picocli costs a short-lived JVM about 0.2 s of CPU per run (measured, see
 * docs/perf-client.md), a third of an upload's whole cost. Its classes are Java 5 class files,
 * which class-data sharing cannot archive and which go through the old, slower verifier, and it
 * reads the annotations by reflection. A run that takes this path loads none of it.
 *
 * <p>Recognised, in this order: global options {@code --furl}, {@code --furlfile} / {@code -f},
 * {@code --connect-timeout} (plain decimal seconds), {@code --verbose}, each at most once; then
 * {@code run-command} alone, or {@code upload-file} with {@code -q}/{@code --quiet},
 * {@code --target-filename}, {@code --target-subdirectory} (each at most once) and at least one
 * SOURCEFILE, in any order. Option values come as {@code --name=VALUE} or as the next word.
 * Refused (left to picocli): anything else, including empty values, values or files starting
 * with {@code -} or {@code @} (picocli's argument files), {@code --}, and values that are
 * command names. {@link #commandFor} builds the same command objects picocli would have filled
 * in, so what runs afterwards is the same code. Stateless.
 */
final class QuickCommandLine {
    private QuickCommandLine() {}

    /**
     * The command {@code args} ask for, ready to call, or null when picocli must parse them.
     * The returned command has not run; a {@link UsageException} from it means picocli should
     * parse the arguments again to report the error with its usage text.
     */
    static Callable<Integer> commandFor(String[] args, FlappClient root) {
        String furl = null;
        String furlFile = null;
        String timeout = null;
        boolean verbose = false;
        int i = 0;
        for (; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("upload-file") || arg.equals("run-command")) {
                break;
            }
            if (arg.equals("--verbose")) {
                if (verbose) {
                    return null;
                }
                verbose = true;
                continue;
            }
            String name = optionName(arg);
            String value = optionValue(args, i);
            if (value == null) {
                return null;
            }
            if (!arg.contains("=")) {
                i++;
            }
            switch (name) {
                case "--furl" -> {
                    if (furl != null) {
                        return null;
                    }
                    furl = value;
                }
                case "--furlfile", "-f" -> {
                    if (furlFile != null) {
                        return null;
                    }
                    furlFile = value;
                }
                case "--connect-timeout" -> {
                    if (timeout != null || !isPlainDecimal(value)) {
                        return null;
                    }
                    timeout = value;
                }
                default -> {
                    return null;
                }
            }
        }
        if (i >= args.length) {
            return null; // no command: picocli reports it
        }
        root.setGlobalOptions(furl, furlFile, timeout == null ? FlappClient.DEFAULT_CONNECT_TIMEOUT.toSeconds()
                : Double.parseDouble(timeout), verbose);
        String command = args[i];
        if (command.equals("run-command")) {
            return i == args.length - 1 ? new RunCommandCommand(root) : null;
        }
        return uploadCommand(args, i + 1, root);
    }

    private static UploadCommand uploadCommand(String[] args, int start, FlappClient root) {
        List<String> files = new ArrayList<>();
        String targetFilename = null;
        String targetSubdirectory = null;
        boolean quiet = false;
        for (int i = start; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-q") || arg.equals("--quiet")) {
                if (quiet) {
                    return null;
                }
                quiet = true;
                continue;
            }
            if (!arg.startsWith("-")) {
                if (!isPlainWord(arg)) {
                    return null;
                }
                files.add(arg);
                continue;
            }
            String name = optionName(arg);
            String value = optionValue(args, i);
            if (value == null) {
                return null;
            }
            if (!arg.contains("=")) {
                i++;
            }
            switch (name) {
                case "--target-filename" -> {
                    if (targetFilename != null) {
                        return null;
                    }
                    targetFilename = value;
                }
                case "--target-subdirectory" -> {
                    if (targetSubdirectory != null) {
                        return null;
                    }
                    targetSubdirectory = value;
                }
                default -> {
                    return null;
                }
            }
        }
        if (files.isEmpty()) {
            return null;
        }
        return new UploadCommand(root, files, targetFilename, targetSubdirectory, quiet);
    }

    /** "--name" of "--name=value", or the whole word. */
    private static String optionName(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? arg : arg.substring(0, eq);
    }

    /** The value of the option at {@code args[i]} (attached or the next word), or null when unsure. */
    private static String optionValue(String[] args, int i) {
        String arg = args[i];
        if (!arg.startsWith("-")) {
            return null;
        }
        int eq = arg.indexOf('=');
        String value;
        if (eq >= 0) {
            if (!arg.startsWith("--")) {
                return null; // "-f=x": picocli's rules for short options differ
            }
            value = arg.substring(eq + 1);
        } else {
            value = i + 1 < args.length ? args[i + 1] : null;
        }
        return value != null && isPlainWord(value) && !value.startsWith("-") ? value : null;
    }

    /** Neither empty, nor an argument file, nor a command name. */
    private static boolean isPlainWord(String word) {
        return !word.isEmpty() && !word.startsWith("@") && !word.equals("upload-file") && !word.equals("run-command");
    }

    private static boolean isPlainDecimal(String text) {
        int dots = 0;
        int digits = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '.') {
                dots++;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else {
                return false;
            }
        }
        return dots <= 1 && digits > 0 && digits <= 9;
    }
}
