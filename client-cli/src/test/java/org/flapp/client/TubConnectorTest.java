package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real engine's connection failures, on loopback, without any peer program. */
class TubConnectorTest {
    private static final String TUBID = "fwhjwcytzdzbijbpnca627vyrj6tdppr";

    @Test
    void connectionRefusedOnAFreePortIsOneClearLine() throws Exception {
        int port = PythonFlappServer.freePort();
        ClientRun run = ClientRun.run(new TubConnector(),
                "--furl=pb://" + TUBID + "@tcp:127.0.0.1:" + port + "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "run-command");
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertEquals("flappclient: error: cannot reach server at tcp:127.0.0.1:" + port + ": connection refused\n",
                run.stderr());
    }

    @Test
    void silentServerRunsIntoTheConnectTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception e) {
                    // closed: done
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            ClientRun run = ClientRun.run(new TubConnector(), "--connect-timeout=1",
                    "--furl=pb://" + TUBID + "@tcp:127.0.0.1:" + silent.getLocalPort() + "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                    "run-command");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
            assertTrue(run.stderr().startsWith("flappclient: error: cannot reach server at tcp:127.0.0.1:"
                    + silent.getLocalPort() + ": no connection within 1 s"), run::toString);
            assertTrue(seconds < 5, "gave up after " + seconds + " s");
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void furlWithAnInvalidTubIdIsMalformed() {
        ClientRun run = ClientRun.run(new TubConnector(),
                "--furl=pb://1111@tcp:127.0.0.1:1/aaaa", "run-command");
        assertEquals(ExitStatus.FAILURE, run.status(), run::toString);
        assertTrue(run.stderr().startsWith("flappclient: error: malformed FURL 'pb://1111@tcp:127.0.0.1:1/aaaa': "),
                run::toString);
        assertEquals(1, run.stderr().lines().count(), run::toString);
    }
}
