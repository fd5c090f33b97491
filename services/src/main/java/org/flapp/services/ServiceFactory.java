package org.flapp.services;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flapp.rpc.Referenceable;
import org.flapp.services.command.CommandLimits;
import org.flapp.services.command.RunCommandService;
import org.flapp.services.command.RunningCommands;
import org.flapp.services.options.RunCommandOptions;
import org.flapp.services.options.UploadFileOptions;
import org.flapp.services.upload.ActiveUploads;
import org.flapp.services.upload.FileUploadService;
import org.flapp.services.upload.UploadBudget;

/**
 * Builds service objects from their configuration, as a flappserver does at every lookup of a
 * service's swissnum (Python re-reads {@code services.json} and builds a new object each time),
 * and owns what the services share: the threads that write uploaded files, the threads that
 * move the commands' stdin/stdout/stderr, the set of uploads in progress, the budget of upload
 * blocks in flight ({@link UploadBudget}) and the set of running commands.
 *
 * <pre>{@code
 * try (ServiceFactory services = new ServiceFactory()) {
 *     Referenceable service = services.build("upload-file", List.of("incoming"), basedir, serviceDir);
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the running commands (their whole sessions) and the threads.
 */
public final class ServiceFactory implements AutoCloseable {
    /** Threads writing uploaded files; uploads beyond this many wait their turn per block. */
    public static final int UPLOAD_THREADS = 4;
    /** How long {@link #close()} waits for terminated commands to end. */
    public static final long SHUTDOWN_GRACE_MILLIS = 5000;

    private final ExecutorService uploadIo;
    private final ExecutorService processIo;
    private final ActiveUploads activeUploads;
    private final UploadBudget uploadBudget = new UploadBudget(UploadBudget.DEFAULT_BLOCKS);
    private final RunningCommands runningCommands;
    private final CommandLimits limits;

    public ServiceFactory() {
        this(CommandLimits.DEFAULTS);
    }

    public ServiceFactory(CommandLimits limits) {
        this(limits, RunningCommands.DEFAULT_CAPACITY, null);
    }

    /**
     * @param maxCommands how many commands all run-command services of the server may run at
     *     once; the next {@code execute} is refused with a clear error until one ends
     * @param uploadJournal where the uploads in progress are recorded, so the next start can
     *     remove what a crash left ({@link org.flapp.services.upload.UploadLeftovers}); or null
     */
    public ServiceFactory(CommandLimits limits, int maxCommands, Path uploadJournal) {
        this.limits = limits;
        this.runningCommands = new RunningCommands(maxCommands);
        this.activeUploads = new ActiveUploads(uploadJournal);
        this.uploadIo = Executors.newFixedThreadPool(UPLOAD_THREADS, daemonThreads("flapp-upload-io"));
        this.processIo = Executors.newCachedThreadPool(daemonThreads("flapp-command-io"));
    }

    /**
     * A new service object of type {@code typeName} configured by {@code args}. A relative
     * TARGETDIR is resolved against {@code serverBasedir}. {@code serviceDir} (the service's own
     * {@code services/N} directory) is accepted for the future: neither service uses it, as in
     * Python.
     *
     * @throws UnknownServiceType for a type other than upload-file and run-command; send
     *     {@link UnknownServiceType#toRemoteException()} to a peer
     * @throws BadServiceArguments for wrong arguments; send
     *     {@link BadServiceArguments#toRemoteException()} to a peer
     */
    public Referenceable build(String typeName, List<String> args, Path serverBasedir, Path serviceDir)
            throws UnknownServiceType, BadServiceArguments {
        ServiceType type = ServiceType.named(typeName);
        Record options = type.validate(args, serverBasedir);
        return switch (type) {
            case UPLOAD_FILE -> new FileUploadService((UploadFileOptions) options, uploadIo, activeUploads,
                    uploadBudget);
            case RUN_COMMAND -> new RunCommandService((RunCommandOptions) options, limits, processIo,
                    runningCommands);
        };
    }

    /** Uploads in progress right now. */
    public int activeUploads() {
        return activeUploads.size();
    }

    /** Commands running right now. */
    public int runningCommands() {
        return runningCommands.size();
    }

    /**
     * Stops everything the commands started: SIGTERM to every process of their sessions, SIGKILL
     * to what is left after {@link #SHUTDOWN_GRACE_MILLIS}; then stops the threads.
     */
    @Override
    public void close() {
        runningCommands.stopAll(SHUTDOWN_GRACE_MILLIS);
        uploadIo.shutdown();
        processIo.shutdown();
        try {
            uploadIo.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
