package org.flapp.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders one picocli command as a man page in roff ({@code man(7)} macros): NAME, SYNOPSIS,
 * DESCRIPTION, OPTIONS, ARGUMENTS, COMMANDS, NOTES (the command's footer) and SEE ALSO, all taken
 * from the command's annotations, so the page says what {@code --help} says.
 *
 * <p>Written here rather than with picocli-codegen's ManPageGenerator, which produces AsciiDoc and
 * needs Asciidoctor (a JRuby runtime) to become a man page. Stateless; thread-safe.
 */
final class ManPage {
    private final String version;

    ManPage(String version) {
        this.version = version;
    }

    /** The file name of {@code spec}'s page: {@code flappserver-create.1}. */
    static String fileName(CommandSpec spec) {
        return pageName(spec) + ".1";
    }

    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    String render(CommandSpec spec) {
        StringBuilder out = new StringBuilder();
        String name = pageName(spec);
        out.append(".TH ").append(quote(name.toUpperCase(Locale.ROOT))).append(" 1 \"\" ")
                .append(quote("Flapp " + version)).append(' ').append(quote("Flapp Manual")).append('\n');
        out.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(summary(spec))).append('\n');

        out.append(".SH SYNOPSIS\n.nf\n");
        String synopsis = spec.commandLine().getHelp().synopsis(0).strip();
        synopsis.lines().forEach(line -> out.append(escape(line)).append('\n'));
        out.append(".fi\n");

        List<String> description = paragraphs(spec.usageMessage().description());
        if (!description.isEmpty()) {
            out.append(".SH DESCRIPTION\n");
            appendParagraphs(out, description);
        }

        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            out.append(".SH OPTIONS\n");
            for (OptionSpec option : options) {
                out.append(".TP\n").append(optionHead(option)).append('\n');
                appendParagraphs(out, paragraphs(descriptionOf(option)));
            }
        }

        List<PositionalParamSpec> positionals = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!positionals.isEmpty()) {
            out.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                out.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n");
                appendParagraphs(out, paragraphs(descriptionOf(p)));
            }
        }

        if (!spec.subcommands().isEmpty()) {
            out.append(".SH COMMANDS\n");
            for (CommandLine sub : distinctSubcommands(spec)) {
                CommandSpec subSpec = sub.getCommandSpec();
                out.append(".TP\n\\fB").append(escape(subSpec.name())).append("\\fR\n")
                        .append(escape(summary(subSpec))).append("; see \\fB")
                        .append(escape(pageName(subSpec))).append("\\fR(1).\n");
            }
        }

        List<String> footer = paragraphs(spec.usageMessage().footer());
        if (!footer.isEmpty()) {
            out.append(".SH NOTES\n");
            appendParagraphs(out, footer);
        }

        List<String> seeAlso = new ArrayList<>();
        if (spec.parent() != null) {
            seeAlso.add(pageName(spec.parent()));
        }
        String root = spec.root().name();
        seeAlso.add(root.equals("flappserver") ? "flappclient" : "flappserver");
        out.append(".SH SEE ALSO\n");
        for (int i = 0; i < seeAlso.size(); i++) {
            out.append(".BR ").append(escape(seeAlso.get(i))).append(" (1)").append(i + 1 < seeAlso.size() ? "," : "").append('\n');
        }
        return out.toString();
    }

    /** One line saying what the command does: its header, else the first line of its description. */
    static String summary(CommandSpec spec) {
        for (String[] source : List.of(spec.usageMessage().header(), spec.usageMessage().description())) {
            for (String line : source) {
                if (!line.isBlank()) {
                    String first = line.strip();
                    int stop = first.indexOf(". ");
                    first = stop > 0 ? first.substring(0, stop) : first;
                    return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
                }
            }
        }
        return spec.name();
    }

    private static List<CommandLine> distinctSubcommands(CommandSpec spec) {
        List<CommandLine> result = new ArrayList<>();
        for (CommandLine sub : spec.subcommands().values()) {
            if (!result.contains(sub)) {
                result.add(sub); // aliases map to the same CommandLine
            }
        }
        return result;
    }

    private static String optionHead(OptionSpec option) {
        StringBuilder head = new StringBuilder();
        String[] names = option.names();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                head.append(", ");
            }
            head.append("\\fB").append(escape(names[i])).append("\\fR");
        }
        if (option.arity().max() > 0) {
            head.append("=\\fI").append(escape(option.paramLabel())).append("\\fR");
        }
        return head.toString();
    }

    /** The description with picocli's ${DEFAULT-VALUE} and ${COMPLETION-CANDIDATES} filled in. */
    private static String[] descriptionOf(ArgSpec arg) {
        String[] lines = arg.description().clone();
        String defaultValue = String.valueOf(arg.defaultValueString());
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].replace("${DEFAULT-VALUE}", defaultValue);
            if (arg.completionCandidates() != null) {
                List<String> candidates = new ArrayList<>();
                arg.completionCandidates().forEach(candidates::add);
                lines[i] = lines[i].replace("${COMPLETION-CANDIDATES}", String.join(", ", candidates));
            }
        }
        return lines;
    }

    /** Description lines as paragraphs: a blank line separates paragraphs. */
    private static List<String> paragraphs(String[] lines) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank()) {
                if (current.length() > 0) {
                    result.add(current.toString());
                    current.setLength(0);
                }
            } else {
                if (current.length() > 0) {
                    current.append('\n');
                }
                current.append(line);
            }
        }
        if (current.length() > 0) {
            result.add(current.toString());
        }
        return result;
    }

    private static void appendParagraphs(StringBuilder out, List<String> paragraphs) {
        for (int i = 0; i < paragraphs.size(); i++) {
            if (i > 0) {
                out.append(".IP\n");
            }
            String text = paragraphs.get(i);
            if (text.lines().count() > 1) {
                // several lines in one annotation entry: a list or an example, keep the lines
                out.append(".nf\n");
                text.lines().forEach(line -> out.append(escape(line)).append('\n'));
                out.append(".fi\n");
            } else {
                out.append(escape(text.strip())).append('\n');
            }
        }
    }

    /** Text safe in roff: backslashes and hyphens escaped, no line starting with a control character. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        if (escaped.startsWith(".") || escaped.startsWith("'")) {
            escaped = "\\&" + escaped;
        }
        return escaped;
    }

    private static String quote(String text) {
        return '"' + text.replace("\"", "") + '"';
    }
}
