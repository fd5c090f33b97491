package org.flapp.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flapp.config.BaseDirectory;
import org.flapp.config.ConfigException;
import org.flapp.config.PublishedService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flappserver list [--json] BASEDIR}: the services, sorted by swissnum, in Python's layout
 * (an empty line, {@code SWISSNUM:}, then type and arguments, comment, FURL and directory each
 * indented by one space; a final empty line), or as a JSON array for scripts.
 */
@Command(name = "list", description = "list services in an app server", mixinStandardHelpOptions = true)
final class ListCommand extends Subcommand implements Callable<Integer> {
    @Option(names = "--json", description = "print a JSON array of {swissnum, type, args, comment, furl, directory}")
    boolean json;

    @Parameters(paramLabel = "BASEDIR")
    Path basedir;

    @Override
    public Integer call() throws Exception {
        List<PublishedService> services;
        try {
            services = BaseDirectory.open(basedir).list();
        } catch (ConfigException e) {
            throw new CliFailure("Error: " + e.getMessage());
        }
        if (json) {
            printJson(services);
        } else {
            printText(services);
        }
        return 0;
    }

    private void printText(List<PublishedService> services) {
        for (PublishedService s : services) {
            out().println();
            out().println(s.swissnum() + ":");
            out().println(" " + s.entry().type() + " " + String.join(" ", s.entry().args()));
            String comment = s.entry().comment();
            if (comment != null && !comment.isEmpty()) {
                out().println(" # " + comment);
            }
            out().println(" " + s.furl());
            out().println(" " + s.directory());
        }
        out().println();
    }

    private void printJson(List<PublishedService> services) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PublishedService s : services) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("swissnum", s.swissnum());
            row.put("type", s.entry().type());
            row.put("args", s.entry().args());
            row.put("comment", s.entry().comment());
            row.put("furl", s.furl());
            row.put("directory", s.directory().toString());
            rows.add(row);
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        out().println(mapper.writeValueAsString(rows));
    }
}
