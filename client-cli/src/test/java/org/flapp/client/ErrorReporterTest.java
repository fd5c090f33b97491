package org.flapp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.flapp.rpc.DeadReferenceException;
import org.flapp.rpc.NegotiationException;
import org.flapp.rpc.NegotiationException.Reason;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.furl.BadFurlException;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {
    private static final List<String> HINTS = List.of("tcp:127.0.0.1:4000");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static String connect(Throwable t) {
        return ErrorReporter.connectFailure(t, HINTS, TIMEOUT).getMessage();
    }

    @Test
    void connectionRefusedNamesTheServer() {
        Throwable t = new ExecutionException(new NegotiationException(Reason.CONNECT, "no hint could be reached",
                new ConnectException("Connection refused: /127.0.0.1:4000")));
        assertEquals("cannot reach server at tcp:127.0.0.1:4000: connection refused", connect(t));
    }

    @Test
    void timeoutMentionsTheOption() {
        assertEquals("cannot reach server at tcp:127.0.0.1:4000: no connection within 30 s (see --connect-timeout)",
                connect(new TimeoutException()));
        assertEquals("cannot reach server at tcp:127.0.0.1:4000: no connection within 2.5 s (see --connect-timeout)",
                ErrorReporter.connectFailure(new NegotiationException(Reason.TIMED_OUT, "negotiation timed out"), HINTS,
                        Duration.ofMillis(2500)).getMessage());
    }

    @Test
    void unknownHostIsNamed() {
        assertEquals("cannot reach server at tcp:127.0.0.1:4000: unknown host nowhere.invalid",
                connect(new CompletionException(new UnknownHostException("nowhere.invalid"))));
    }

    @Test
    void wrongTubIdSaysTheServerIsNotWhoTheFurlNames() {
        String message = connect(new NegotiationException(Reason.WRONG_TUB,
                "server refused: HTTP/1.1 500 Internal Server Error: unknown TubID bbbbbbbb"));
        assertTrue(message.startsWith("the server at tcp:127.0.0.1:4000 is not the Tub this FURL names (wrong TubID)"),
                message);
    }

    @Test
    void wrongCertificateSaysTheServerIsNotWhoTheFurlNames() {
        ClientFailure failure = ErrorReporter.connectFailure(new CompletionException(new NegotiationException(
                Reason.WRONG_TUB, "negotiation with 127.0.0.1:4000 failed: connected to the wrong Tub: expected aaaa,"
                        + " got bbbb")), HINTS, TIMEOUT);
        assertEquals(ClientFailure.Reason.WRONG_TUB, failure.reason());
        String message = failure.getMessage();
        assertEquals("the server at tcp:127.0.0.1:4000 is not the Tub this FURL names (wrong TubID), nothing was"
                + " sent: negotiation with 127.0.0.1:4000 failed: connected to the wrong Tub: expected aaaa, got bbbb",
                message);
    }

    @Test
    void theReasonDecidesNotTheWords() {
        // a peer's refusal that happens to say "timed out" is still a refusal
        String message = connect(new NegotiationException(Reason.REFUSED_BY_PEER,
                "negotiation with 127.0.0.1:4000 failed: refused by peer: request timed out"));
        assertEquals("cannot set up a connection to server at tcp:127.0.0.1:4000: negotiation with 127.0.0.1:4000"
                + " failed: refused by peer: request timed out", message);
        String lost = connect(new NegotiationException(Reason.CONNECTION_LOST,
                "negotiation with 127.0.0.1:4000 failed: connection error: bad certificate"));
        assertTrue(lost.startsWith("cannot set up a connection to server at tcp:127.0.0.1:4000:"), lost);
    }

    @Test
    void noRouteAndNameLookupAreNamed() {
        assertEquals("cannot reach server at tcp:127.0.0.1:4000: no route to host",
                connect(new NegotiationException(Reason.CONNECT, "negotiation with 127.0.0.1:4000 failed",
                        new java.net.NoRouteToHostException("No route to host"))));
        assertEquals("cannot reach server at tcp:127.0.0.1:4000: unknown host nowhere.invalid",
                connect(new NegotiationException(Reason.NAME_LOOKUP, "negotiation with nowhere.invalid:4000 failed",
                        new UnknownHostException("nowhere.invalid"))));
    }

    @Test
    void unknownSwissnumIsNamed() {
        String message = connect(new RemoteException("builtins.KeyError",
                "\"unable to find reference for name starting with 'aa'\""));
        assertEquals("the server at tcp:127.0.0.1:4000 has no service with this FURL's secret name (unknown swissnum):"
                + " \"unable to find reference for name starting with 'aa'\"", message);
    }

    @Test
    void otherLookupFailuresShowTheRemoteType() {
        String message = connect(new RemoteException("foolscap.appserver.services.BadServiceArguments",
                "targetdir '/x' must already exist"));
        assertEquals("the server at tcp:127.0.0.1:4000 could not look up the service:"
                + " foolscap.appserver.services.BadServiceArguments: targetdir '/x' must already exist", message);
    }

    @Test
    void badFurlFromTheEngineIsMalformed() {
        assertEquals("malformed FURL: '1111' is not a valid tubid", connect(new BadFurlException("'1111' is not a valid tubid")));
    }

    @Test
    void unknownMethodMeansTheOtherServiceType() {
        ClientFailure f = ErrorReporter.callFailure(new RemoteException("builtins.AttributeError",
                "'CommandRunner' object has no attribute 'remote_putfile'"), "putfile", "upload-file", "uploading x");
        assertEquals("this FURL is not an upload-file service (the server has no 'putfile' method)", f.getMessage());
        ClientFailure g = ErrorReporter.callFailure(new RemoteException("flapp.NoSuchMethod",
                "no such method 'execute'"), "execute", "run-command", "starting the command");
        assertEquals("this FURL is not a run-command service (the server has no 'execute' method)", g.getMessage());
    }

    @Test
    void lostConnectionDuringACallSaysWhatWasGoingOn() {
        assertEquals("the connection to the server was lost while uploading x",
                ErrorReporter.callFailure(new DeadReferenceException("Calling Stale Broker"), "putfile", "upload-file",
                        "uploading x").getMessage());
    }

    @Test
    void reportPrintsOneLineAndNoStackTraceUnlessVerbose() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = new ErrorReporter(err, false).report(new IllegalStateException("first\nsecond"));
        assertEquals(ExitStatus.FAILURE, status);
        assertEquals("flappclient: error: first second\n", bytes.toString(StandardCharsets.UTF_8));

        bytes.reset();
        new ErrorReporter(err, true).report(new ClientFailure(ClientFailure.Reason.UNEXPECTED, "broken", new IllegalStateException("inner")));
        String verbose = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(verbose.startsWith("flappclient: error: broken\n"), verbose);
        assertTrue(verbose.contains("Caused by: java.lang.IllegalStateException: inner"), verbose);
    }
}
