package org.flapp.services.command;

import org.flapp.rpc.Arguments;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.PythonText;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object {@code execute} answers with when the service accepts stdin: the client calls
 * {@code feed_stdin(bytes)} for each chunk and {@code close_stdin()} at the end (Python's
 * flappclient sends both without asking for answers). Non-bytes data is refused with a
 * {@code builtins.TypeError}, as in Python. Thread-safe.
 */
final class StdinHandle implements Referenceable {
    private static final Logger log = LoggerFactory.getLogger(StdinHandle.class);

    private final StdinWriter writer;
    private final boolean logged;
    private final RemoteMethods methods;
    private boolean closed;

    /** Largest chunk a client may feed at once: flappclients send 64 KiB or less. */
    static final int MAX_FEED_BYTES = 1024 * 1024;

    /** Text is let through to be refused with Python's TypeError (see {@link #feed}). */
    private static final Signature FEED_STDIN = Signature.of(Signature.required("data",
            Constraint.choice(Constraint.bytes(MAX_FEED_BYTES), Constraint.text(MAX_FEED_BYTES))));

    StdinHandle(StdinWriter writer, boolean logged) {
        this.writer = writer;
        this.logged = logged;
        this.methods = RemoteMethods.builder().className("Command")
                .method("feed_stdin", FEED_STDIN, this::feed)
                .method("close_stdin", Signature.of(), args -> {
                    closeStdin();
                    return null;
                })
                .build();
    }

    @Override
    public RemoteMethods remoteMethods() {
        return methods;
    }

    private Object feed(Arguments args) throws RemoteException {
        args.expectCount(1);
        Object data = args.get(0);
        if (!(data instanceof byte[] bytes)) {
            throw RemoteException.python("builtins.TypeError", "stdin can accept only strings of bytes, not "
                    + (data == null ? "None" : data.getClass().getSimpleName()));
        }
        if (logged) {
            log.info("stdin: {}", PythonText.repr(bytes, CommandLimits.MAX_LOGGED_BYTES));
        }
        return writer.feed(bytes);
    }

    /** Closes the command's stdin (after the data already fed); harmless when repeated. */
    void closeStdin() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (logged) {
            log.info("stdin closed");
        }
        writer.close();
    }
}
