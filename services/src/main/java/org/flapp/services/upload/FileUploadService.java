package org.flapp.services.upload;

import java.util.Objects;
import java.util.concurrent.Executor;
import org.flapp.rpc.Arguments;
import org.flapp.rpc.Constraint;
import org.flapp.rpc.Referenceable;
import org.flapp.rpc.RemoteMethods;
import org.flapp.rpc.Signature;
import org.flapp.services.options.UploadFileOptions;

/**
 * The {@code upload-file} service: one remote method, {@code putfile(name, source)}, where
 * {@code name} is the file name (bytes, as Python's flappclient sends it, or str) and
 * {@code source} a reference to the client's object offering {@code read(size)}. The call is
 * answered with None once the file is complete and durable (see {@link UploadTransfer}); a bad
 * name is refused at once with a {@code twisted.python.filepath.InsecurePath} error (see
 * {@link UploadName}).
 *
 * <p>Constraints, checked while the call is decoded (before this class sees it): {@code name} a
 * byte string or text of at most {@value #MAX_NAME_BYTES} bytes (a path, subdirectories
 * included), {@code source} a reference. A call that breaks them gets a
 * {@code foolscap.tokens.Violation}; a name of another type never reaches {@link UploadName}.
 *
 * <p>Thread-safe; holds no state of its own, so a new one per lookup (as Python builds them)
 * costs nothing. File I/O runs on the executor given, never on the calling thread.
 */
public final class FileUploadService implements Referenceable {
    private final UploadFileOptions options;
    private final Executor io;
    private final ActiveUploads active;
    private final UploadBudget budget;
    private final RemoteMethods methods;

    /** Longest file name accepted, in bytes: Linux's PATH_MAX. */
    public static final int MAX_NAME_BYTES = 4096;

    private static final Signature PUTFILE = Signature.of(
            Signature.required("name", Constraint.choice(Constraint.bytes(MAX_NAME_BYTES),
                    Constraint.text(MAX_NAME_BYTES))),
            Signature.required("source", Constraint.reference()));

    /**
     * @param io where file writes run: a pool of the caller's, not the RPC call executor
     * @param active the uploads in progress, shared by every upload service of the server
     * @param budget the upload blocks in flight, shared likewise
     */
    public FileUploadService(UploadFileOptions options, Executor io, ActiveUploads active,
            UploadBudget budget) {
        this.options = Objects.requireNonNull(options, "options");
        this.io = Objects.requireNonNull(io, "io");
        this.active = Objects.requireNonNull(active, "active");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.methods = RemoteMethods.builder().className("FileUploader").method("putfile", PUTFILE, this::putfile).build();
    }

    @Override
    public RemoteMethods remoteMethods() {
        return methods;
    }

    private Object putfile(Arguments args) throws Exception {
        args.expectCount(2);
        UploadName name = UploadName.parse(args.get(0), options.allowSubdirectories());
        return new UploadTransfer(options.targetDir(), name, options.mode(), args.reference(1), io,
                active, budget).start();
    }
}
