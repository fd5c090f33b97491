package org.flapp.services.command;

/**
 * The buffering limits of the run-command service, in one place.
 *
 * <p><b>Output.</b> {@code stdout}/{@code stderr} are sent with {@code callRemoteOnly}, which
 * gives no answer, so nothing would stop a fast command from filling the outbound buffers of a
 * slow client's connection. Each stream is therefore read in chunks of at most
 * {@link #readChunk()} bytes, and after every {@link #outputWindow()} bytes sent the service
 * sends one more output call <em>with</em> an answer: an empty chunk ({@code stdout(b"")}), which
 * the Python client writes (nothing) and answers. Calls are handled in order, so the answer
 * proves the client has consumed everything before it. Until it arrives the stream is not read,
 * the pipe fills and the command blocks: at most {@code outputWindow + readChunk} bytes per
 * stream are ever in flight. If the connection is lost, output is read and dropped so the
 * command never blocks on it.
 *
 * <p><b>Input.</b> {@code feed_stdin} data waits in a queue for the thread that writes it to the
 * command. Above {@link #stdinSoftLimit()} queued bytes, the handler answers only when the queue
 * has drained below the limit again, which slows a client that waits for answers. Python's
 * flappclient does not wait (it sends {@code feed_stdin} with no answer), and the service cannot
 * block the connection without risking a deadlock with the output window above (the window's
 * answers arrive on the same connection), so {@link #stdinHardLimit()} is a safety cap: data that
 * would exceed it is refused, the command's stdin is closed and an error is logged.
 *
 * @param readChunk largest single read from the command's stdout/stderr (and largest call)
 * @param outputWindow bytes sent per stream before waiting for the client to catch up
 * @param stdinSoftLimit queued stdin bytes above which {@code feed_stdin} answers late
 * @param stdinHardLimit queued stdin bytes that are never exceeded
 */
public record CommandLimits(int readChunk, int outputWindow, long stdinSoftLimit, long stdinHardLimit) {
    public static final CommandLimits DEFAULTS =
            new CommandLimits(32 * 1024, 256 * 1024, 1024 * 1024, 64L * 1024 * 1024);

    public CommandLimits {
        if (readChunk <= 0 || outputWindow <= 0 || stdinSoftLimit <= 0 || stdinHardLimit < stdinSoftLimit) {
            throw new IllegalArgumentException("bad limits: chunk " + readChunk + ", window "
                    + outputWindow + ", stdin " + stdinSoftLimit + "/" + stdinHardLimit);
        }
    }
}
