package org.flapp.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    // option spellings, each mapped to its canonical name
    private static final Map<String, String> GLOBAL_FLAGS = Map.of("--verbose", "--verbose");
    private static final Map<String, String> GLOBAL_VALUED = Map.of("--furl", "--furl", "--furlfile", "--furlfile",
            "-f", "--furlfile", "--connect-timeout", "--connect-timeout");
    private static final Map<String, String> UPLOAD_FLAGS = Map.of("-q", "--quiet", "--quiet", "--quiet");
    private static final Map<String, String> UPLOAD_VALUED = Map.of("--target-filename", "--target-filename",
            "--target-subdirectory", "--target-subdirectory");

    private QuickCommandLine() {}

    /**
     * The command {@code args} ask for, ready to call, or null when picocli must parse them.
     * The returned command has not run; a {@link UsageException} from it means picocli should
     * parse the arguments again to report the error with its usage text.
     */
    static Callable<Integer> commandFor(String[] args, FlappClient root) {
        Options global = Options.read(args, 0, GLOBAL_FLAGS, GLOBAL_VALUED, false);
        if (global == null || global.end >= args.length) {
            return null; // unsure, or no command: picocli reports it
        }
        String timeout = global.values.get("--connect-timeout");
        if (timeout != null && !isPlainDecimal(timeout)) {
            return null;
        }
        root.setGlobalOptions(global.values.get("--furl"), global.values.get("--furlfile"),
                timeout == null ? FlappClient.DEFAULT_CONNECT_TIMEOUT.toSeconds() : Double.parseDouble(timeout),
                global.flags.contains("--verbose"));
        String command = args[global.end];
        if (command.equals("run-command")) {
            return global.end == args.length - 1 ? new RunCommandCommand(root) : null;
        }
        Options upload = Options.read(args, global.end + 1, UPLOAD_FLAGS, UPLOAD_VALUED, true);
        if (upload == null || upload.words.isEmpty()) {
            return null;
        }
        return new UploadCommand(root, upload.words, upload.values.get("--target-filename"),
                upload.values.get("--target-subdirectory"), upload.flags.contains("--quiet"));
    }

    /** What one pass over a run of options found: values and flags by canonical name, plain words. */
    private static final class Options {
        final Map<String, String> values = new HashMap<>();
        final Set<String> flags = new HashSet<>();
        final List<String> words = new ArrayList<>();
        /** Index of the command name that ended the run, or args.length. */
        int end;

        /**
         * Reads {@code args} from {@code start} up to a command name: each flag and each valued
         * option at most once, plain words only when {@code wordsAllowed}. Null when unsure.
         */
        static Options read(String[] args, int start, Map<String, String> flagNames,
                Map<String, String> valuedNames, boolean wordsAllowed) {
            Options found = new Options();
            int i = start;
            for (; i < args.length; i++) {
                String arg = args[i];
                if (!wordsAllowed && (arg.equals("upload-file") || arg.equals("run-command"))) {
                    break;
                }
                String flag = flagNames.get(arg);
                if (flag != null) {
                    if (!found.flags.add(flag)) {
                        return null;
                    }
                    continue;
                }
                if (wordsAllowed && !arg.startsWith("-")) {
                    if (!isPlainWord(arg)) {
                        return null;
                    }
                    found.words.add(arg);
                    continue;
                }
                String name = valuedNames.get(optionName(arg));
                String value = optionValue(args, i);
                if (name == null || value == null || found.values.putIfAbsent(name, value) != null) {
                    return null;
                }
                if (!arg.contains("=")) {
                    i++;
                }
            }
            found.end = i;
            return found;
        }
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
