package org.flapp.rpc.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flapp.rpc.PythonPeer;

/** A running interop_peer.py (see {@link PythonPeer} for how Python is found and required). */
final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader stdout;

    private PeerProcess(Process process) {
        this.process = process;
        this.stdout = PythonPeer.reader(process);
    }

    /** Starts interop_peer.py with {@code args}. */
    static PeerProcess start(String... args) throws IOException {
        PythonPeer.assumeAvailable();
        return new PeerProcess(PythonPeer.start("interop_peer.py", args));
    }

    /** The next line of the peer's stdout, or null at end of output. */
    String readLine() throws IOException {
        return stdout.readLine();
    }

    /** Every remaining line of stdout; a peer still running after 90 s is killed. */
    List<String> readAll() throws IOException {
        process.onExit().orTimeout(90, TimeUnit.SECONDS).exceptionally(timeout -> {
            process.destroyForcibly();
            return process;
        });
        List<String> lines = new ArrayList<>();
        for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("python peer did not finish in " + seconds + " s");
        }
        return process.exitValue();
    }

    /** Kills the peer at once (SIGKILL), as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.getOutputStream().close(); // the peer stops when its stdin closes
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
