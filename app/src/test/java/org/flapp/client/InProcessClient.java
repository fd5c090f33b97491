package org.flapp.client;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Test-only bridge: lets tests in other packages (app's end-to-end tests) run our flappclient in
 * this JVM through its package-private {@link FlappClient#run(String[], PrintStream, PrintStream,
 * InputStream)}, without widening the client's main API.
 */
public final class InProcessClient {
    private InProcessClient() {}

    /** Runs flappclient with {@code args}; returns its exit status instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        return FlappClient.run(args, out, err, in);
    }
}
