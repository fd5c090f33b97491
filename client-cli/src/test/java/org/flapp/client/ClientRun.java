package org.flapp.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process flappclient run with captured stdout/stderr: its status and output. */
record ClientRun(int status, byte[] stdoutBytes, String stderr) {
    /** A connector for runs that must fail before any connection is made. */
    static final ServiceConnector NO_CONNECTION = (furl, timeout) -> {
        throw new AssertionError("flappclient connected although it should have stopped before");
    };

    static ClientRun run(ServiceConnector connector, String... args) {
        return run(connector, new ByteArrayInputStream(new byte[0]), args);
    }

    static ClientRun run(ServiceConnector connector, InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, false, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = FlappClient.run(args, new ClientIo(outStream, errStream, stdin, false), connector);
        outStream.flush();
        errStream.flush();
        return new ClientRun(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    String stdout() {
        return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "status " + status + "\n--- stdout:\n" + stdout() + "--- stderr:\n" + stderr;
    }
}
