package org.flapp.services.options;

import java.util.ArrayList;
import java.util.List;
import org.flapp.services.BadServiceArguments;

/**
 * Splits service arguments into options and positional arguments the way Twisted's
 * {@code usage.Options} does it with Python's {@code getopt.getopt}, so that every argument list
 * Python accepts is accepted here with the same meaning, and every one it refuses is refused
 * with the same message.
 *
 * <p>Rules (from Python's {@code getopt}, non-GNU mode): options come first; the first argument
 * that does not start with {@code -} (or is exactly {@code -}) ends them, and so does {@code --}
 * (which is dropped). Long options are {@code --name}, {@code --name=value} or
 * {@code --name value}. A long option may be abbreviated to a unique prefix; Twisted lists the
 * options that have an {@code opt_} method twice, so those can never be abbreviated (their
 * {@link Option#abbreviable()} is false). The services define no short options, so every
 * {@code -x} is refused.
 *
 * <p>Stateless and thread-safe.
 */
final class LongOptionParser {
    /** One long option. */
    record Option(String name, boolean takesValue, boolean abbreviable) {}

    /** One option found in the arguments; {@code value} is null for flags. */
    record Found(String name, String value) {}

    /** The options in the order given, then the remaining positional arguments. */
    record Result(List<Found> options, List<String> positionals) {}

    private final List<Option> options;

    LongOptionParser(List<Option> options) {
        this.options = List.copyOf(options);
    }

    Result parse(List<String> args) throws BadServiceArguments {
        List<Found> found = new ArrayList<>();
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                break;
            }
            if (!arg.startsWith("--")) {
                throw usage("option -" + arg.charAt(1) + " not recognized");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String typed = eq < 0 ? body : body.substring(0, eq);
            String inlineValue = eq < 0 ? null : body.substring(eq + 1);
            Option option = lookup(typed);
            i++;
            if (option.takesValue()) {
                String value = inlineValue;
                if (value == null) {
                    if (i >= args.size()) {
                        throw usage("option --" + option.name() + " requires argument");
                    }
                    value = args.get(i++);
                }
                found.add(new Found(option.name(), value));
            } else {
                if (inlineValue != null) {
                    throw usage("option --" + option.name() + " must not have an argument");
                }
                found.add(new Found(option.name(), null));
            }
        }
        return new Result(found, List.copyOf(args.subList(i, args.size())));
    }

    private Option lookup(String typed) throws BadServiceArguments {
        Option match = null;
        int weight = 0;
        for (Option option : options) {
            if (option.name().equals(typed)) {
                return option;
            }
            if (option.name().startsWith(typed)) {
                match = option;
                weight += option.abbreviable() ? 1 : 2;
            }
        }
        if (match == null) {
            throw usage("option --" + typed + " not recognized");
        }
        if (weight > 1) {
            throw usage("option --" + typed + " not a unique prefix");
        }
        return match;
    }

    static BadServiceArguments usage(String message) {
        return new BadServiceArguments(BadServiceArguments.USAGE_ERROR, message);
    }
}
