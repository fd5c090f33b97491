package org.flapp.client;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.flapp.rpc.Arguments;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.Signature;
import org.flapp.rpc.ViolationException;

/**
 * The object a run-command service reports to: {@code stdout(bytes)} and {@code stderr(bytes)}
 * as the command's output appears, then {@code done(signal, exitcode)}. Output is written to our
 * own stdout/stderr and flushed at once, so it shows as it arrives, not at the end.
 *
 * <p>{@link #exitStatus()} completes with the command's exit code, {@link ExitStatus#SIGNALLED}
 * when a signal killed it, or {@link ExitStatus#CONNECTION_LOST} when the connection went first;
 * it fails when the {@code execute} call itself fails. The first of these wins.
 *
 * <p>The handlers run on the Tub's call executor one at a time per connection, in the order the
 * server sent them, so output written before {@code done} is complete when the status is known.
 * Writing may block when our stdout is a slow pipe: that holds back the calls behind it, which is
 * the back-pressure we want.
 */
final class OutputWatcher implements Referenceable {
    /** Largest output chunk accepted in one call: servers send 8 KiB (Python's) or 32 KiB (ours). */
    static final int MAX_OUTPUT_BYTES = 1024 * 1024;

    /**
     * The arguments, checked while decoded: output as bytes (text too, which some servers send
     * for their own messages); {@code done(signal, exitcode)}, each None or an integer (a signal
     * may also come as False).
     */
    private static final Signature OUTPUT = Signature.of(Signature.required("data",
            Constraint.choice(Constraint.bytes(MAX_OUTPUT_BYTES), Constraint.text(MAX_OUTPUT_BYTES))));
    private static final Signature DONE = Signature.of(
            Signature.required("signal", Constraint.choice(Constraint.none(), Constraint.integer(), Constraint.bool())),
            Signature.required("exitcode", Constraint.optional(Constraint.integer())));

    private final PrintStream out;
    private final PrintStream err;
    private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
    private final RemoteMethods methods;
    private volatile boolean connectionLost;

    OutputWatcher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        this.methods = RemoteMethods.builder()
                .method("stdout", OUTPUT, args -> write(out, args))
                .method("stderr", OUTPUT, args -> write(err, args))
                .method("done", DONE, this::done)
                .build();
    }

    @Override
    public RemoteMethods remoteMethods() {
        return methods;
    }

    CompletableFuture<Integer> exitStatus() {
        return exitStatus;
    }

    /** The connection is gone: if the command has not reported its end, that is status 3. */
    void connectionLost() {
        synchronized (exitStatus) {
            // the flag is set before the status is visible, so the reader never sees 3 without it
            if (!exitStatus.isDone()) {
                connectionLost = true;
                exitStatus.complete(ExitStatus.CONNECTION_LOST);
            }
        }
    }

    /** True when the status is 3 because the connection was lost, not the command's own 3. */
    boolean endedByConnectionLoss() {
        return connectionLost;
    }

    /** The {@code execute} call failed (already described). */
    void fail(ClientFailure failure) {
        synchronized (exitStatus) {
            exitStatus.completeExceptionally(failure);
        }
    }

    private void finish(int status) {
        synchronized (exitStatus) {
            exitStatus.complete(status);
        }
    }

    private static Object write(OutputStream stream, Arguments args) {
        Object data = args.get(0);
        byte[] bytes;
        if (data instanceof byte[] b) {
            bytes = b;
        } else if (data instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
        } else {
            throw new ViolationException("output must be bytes, not "
                    + (data == null ? "None" : data.getClass().getSimpleName()));
        }
        synchronized (stream) {
            try {
                stream.write(bytes);
                stream.flush();
            } catch (java.io.IOException e) {
                // our stdout is gone (e.g. a closed pipe): nothing useful to tell the server
            }
        }
        return null;
    }

    private Object done(Arguments args) {
        Object signal = args.size() > 0 ? args.get(0) : null;
        Object code = args.size() > 1 ? args.get(1) : null;
        out.flush();
        err.flush();
        if (signal != null && !Boolean.FALSE.equals(signal) && !isZero(signal)) {
            finish(ExitStatus.SIGNALLED);
        } else if (code == null) {
            // Python's client exits with None, i.e. 0
            finish(ExitStatus.OK);
        } else if (code instanceof Number n) {
            finish(toStatus(n));
        } else {
            throw new ViolationException("exit code must be an integer or None, not "
                    + code.getClass().getSimpleName());
        }
        return null;
    }

    /** Python treats 0 as "no signal" too (it tests the value's truth). */
    private static boolean isZero(Object value) {
        return value instanceof Number n && new BigInteger(n.toString()).signum() == 0;
    }

    /** An exit status as the shell sees it: the low eight bits. */
    private static int toStatus(Number code) {
        return new BigInteger(code.toString()).intValue() & 0xFF;
    }
}
