package org.flapp.config;

/**
 * The {@code flappserver.tac} written into a new base directory, so that Python Foolscap's
 * {@code flappserver start} accepts and runs a directory Flapp created (it looks for any
 * {@code *.tac} file, changes into the directory and runs the file with twistd, which wants a
 * module-level {@code application}).
 *
 * <p>Python's own file also prepends the {@code sys.path} of the creating Python process; that only
 * helps a Foolscap run from a source tree. Here no Python created the directory, the file names
 * no paths, and twistd runs under the Python that has {@code flappserver} installed, which
 * already imports foolscap. Stateless.
 */
final class TacFile {
    static final String FILE_NAME = "flappserver.tac";

    static final String TEXT = """
            # -*- python -*-
            # Written by Flapp's "flappserver create". Python Foolscap's "flappserver start" runs this
            # file with twistd, from inside this directory: it serves the services in services.json
            # with the key in tub.pem. No sys.path entries are recorded here; the Python that runs
            # flappserver finds foolscap on its own.

            from twisted.application.service import Application
            from foolscap.appserver.server import AppServer

            application = Application("flappserver")
            AppServer(".").setServiceParent(application)
            """;

    private TacFile() {}
}
