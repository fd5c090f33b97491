package org.flapp.services.command;

/**
 * The buffering limits of the run-command service, in one place.
 *
 * <p><b>Output.</b> {@code stdout}/{@code stderr} are sent with {@code callRemoteOnly}, which
 * gives no answer but returns a future that completes once the message has been written to the
 * connection's socket. Each stream is read in chunks of at most {@link #readChunk()} bytes, and
 * at most {@link #outputWindow()} of its messages may be unwritten at any time: when the window
 * is full the stream is not read until the oldest message has been written. A client that reads
 * slowly fills its socket buffer, writes stall, the pipe fills and the command blocks; so at most
 * {@code outputWindow * readChunk} bytes per stream wait in our memory, whatever the client does.
 * If the connection is lost, output is read and dropped so the command never blocks on it.
 * The wire carries exactly the messages Python's server sends: no extra calls for flow control.
 *
 * <p><b>Input.</b> {@code feed_stdin} data waits in a queue for the thread that writes it to the
 * command. Above {@link #stdinSoftLimit()} queued bytes, the handler answers only when the queue
 * has drained below the limit again, which slows a client that waits for answers. Python's
 * flappclient does not wait (it sends {@code feed_stdin} with no answer), so
 * {@link #stdinHardLimit()} is a safety cap: data that would exceed it is refused, the command's
 * stdin is closed and an error is logged.
 *
 * @param readChunk largest single read from the command's stdout/stderr (and largest call)
 * @param outputWindow output messages per stream that may wait to be written to the socket
 * @param stdinSoftLimit queued stdin bytes above which {@code feed_stdin} answers late
 * @param stdinHardLimit queued stdin bytes that are never exceeded
 */
public record CommandLimits(int readChunk, int outputWindow, long stdinSoftLimit, long stdinHardLimit) {
    /** Most bytes of one output chunk or stdin message shown in a log line; the rest is counted. */
    public static final int MAX_LOGGED_BYTES = 1000;

    public static final CommandLimits DEFAULTS =
            new CommandLimits(32 * 1024, 4, 1024 * 1024, 64L * 1024 * 1024);

    public CommandLimits {
        if (readChunk <= 0 || outputWindow <= 0 || stdinSoftLimit <= 0 || stdinHardLimit < stdinSoftLimit) {
            throw new IllegalArgumentException("bad limits: chunk " + readChunk + ", window "
                    + outputWindow + ", stdin " + stdinSoftLimit + "/" + stdinHardLimit);
        }
    }
}
