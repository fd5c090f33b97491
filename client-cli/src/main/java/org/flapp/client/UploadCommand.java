package org.flapp.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.flapp.rpc.Completions;
import org.flapp.rpc.RemoteException;
import org.flapp.rpc.RemoteReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code flappclient upload-file SOURCEFILE...}: sends each file, in order and on one
 * connection, to an upload-file service, under its base name (UTF-8 bytes), and prints
 * {@code NAME: uploaded} after each, as Python's flappclient does. The service pulls the bytes
 * from a {@link FileSource}, so a file of any size streams with bounded memory.
 *
 * <p>Every source file is checked (exists, is a regular file, readable) before connecting, so a
 * typo costs no connection. Additions over Python's client: {@code --target-filename} (one file
 * only), {@code --target-subdirectory} (sends {@code DIR/NAME}, for servers that allow
 * subdirectories) and a progress bar on a terminal.
 */
@Command(name = "upload-file",
        header = "Upload files to an upload-file service.",
        description = {
            "Sends one or more files to the upload-file service waiting at the given FURL. All files "
                    + "are placed in the service's target directory, under the base name of each "
                    + "SOURCEFILE. Prints 'NAME: uploaded' after each file."},
        mixinStandardHelpOptions = true,
        versionProvider = FlappClient.VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true)
final class UploadCommand implements Callable<Integer> {
    /** The error type (and base type) an upload-file service refuses an unsafe file name with. */
    static final String INSECURE_PATH = "twisted.python.filepath.InsecurePath";

    @Parameters(paramLabel = "SOURCEFILE", arity = "1..*", description = "Files to upload.")
    private List<String> sourceFiles;

    @Option(names = "--target-filename", paramLabel = "NAME",
            description = "Store the (single) file under this name instead of its base name.")
    private String targetFilename;

    @Option(names = "--target-subdirectory", paramLabel = "DIR",
            description = "Store the files in this subdirectory of the target directory (sends DIR/NAME;"
                    + " the service must allow subdirectories).")
    private String targetSubdirectory;

    @Option(names = {"-q", "--quiet"}, description = "Draw no progress bar.")
    private boolean quiet;

    @ParentCommand
    private FlappClient client;

    /** For picocli, which fills in the fields. */
    UploadCommand() {}

    /** For {@link QuickCommandLine}: the values picocli would have filled in. */
    UploadCommand(FlappClient client, List<String> sourceFiles, String targetFilename, String targetSubdirectory,
            boolean quiet) {
        this.client = client;
        this.sourceFiles = sourceFiles;
        this.targetFilename = targetFilename;
        this.targetSubdirectory = targetSubdirectory;
        this.quiet = quiet;
    }

    /** One file to send: where it is here and the name it gets there. */
    record Upload(Path path, String remoteName, long size) {}

    @Override
    public Integer call() throws Exception {
        String furl = client.furlSource().resolve();
        checkNameOptions();
        List<Upload> uploads = checkSources();
        ClientIo io = client.io();
        try (ServiceConnector.ServiceConnection connection = client.connect(furl)) {
            for (Upload upload : uploads) {
                send(connection.service(), upload, io);
                io.out().println(upload.remoteName() + ": uploaded");
                io.out().flush();
            }
        }
        return ExitStatus.OK;
    }

    private void checkNameOptions() throws UsageException {
        if (targetFilename != null) {
            if (sourceFiles.size() != 1) {
                throw new UsageException("--target-filename needs exactly one SOURCEFILE, got " + sourceFiles.size());
            }
            if (!isPlainName(targetFilename)) {
                throw new UsageException("--target-filename must be a plain file name (no '/', not '.' or '..'),"
                        + " got '" + targetFilename + "'; use --target-subdirectory for a directory");
            }
        }
        if (targetSubdirectory != null) {
            String dir = stripTrailingSlashes(targetSubdirectory);
            if (dir.isEmpty() || dir.startsWith("/")) {
                throw new UsageException("--target-subdirectory must be a relative directory name, got '"
                        + targetSubdirectory + "'");
            }
            for (String part : dir.split("/", -1)) {
                if (!isPlainName(part)) {
                    throw new UsageException("--target-subdirectory must not contain '.', '..' or empty parts,"
                            + " got '" + targetSubdirectory + "'");
                }
            }
        }
    }

    /** Checks every source before connecting; returns what to send. */
    List<Upload> checkSources() throws ClientFailure {
        List<Upload> uploads = new ArrayList<>();
        for (String name : sourceFiles) {
            Path path = FurlSource.expandHome(name);
            if (!Files.exists(path)) {
                throw new ClientFailure(ClientFailure.Reason.LOCAL_FILE, "cannot read source file " + name + ": no such file");
            }
            if (Files.isDirectory(path)) {
                throw new ClientFailure(ClientFailure.Reason.LOCAL_FILE, "cannot upload " + name + ": it is a directory");
            }
            if (!Files.isReadable(path)) {
                throw new ClientFailure(ClientFailure.Reason.LOCAL_FILE, "cannot read source file " + name + ": permission denied");
            }
            long size;
            try {
                size = Files.size(path);
            } catch (IOException e) {
                throw new ClientFailure(ClientFailure.Reason.LOCAL_FILE, "cannot read source file " + name + ": " + ErrorReporter.describeIo(e), e);
            }
            uploads.add(new Upload(path, remoteName(path), size));
        }
        return uploads;
    }

    private String remoteName(Path path) {
        Path fileName = path.getFileName();
        String base = targetFilename != null ? targetFilename : fileName == null ? path.toString() : fileName.toString();
        return targetSubdirectory == null ? base : stripTrailingSlashes(targetSubdirectory) + "/" + base;
    }

    private void send(RemoteReference service, Upload upload, ClientIo io) throws ClientFailure, InterruptedException {
        ProgressBar bar = ProgressBar.forFile(io.err(), io.terminal() && !quiet, upload.remoteName(), upload.size());
        FileSource source;
        try {
            source = FileSource.open(upload.path(), bar);
        } catch (IOException e) {
            throw new ClientFailure(ClientFailure.Reason.LOCAL_FILE, "cannot read source file " + upload.path() + ": " + ErrorReporter.describeIo(e), e);
        }
        try (source) {
            byte[] name = upload.remoteName().getBytes(StandardCharsets.UTF_8);
            service.callRemote("putfile", name, source).get();
        } catch (ExecutionException e) {
            throw describe(e, source, upload);
        } finally {
            bar.finish();
        }
    }

    private ClientFailure describe(ExecutionException e, FileSource source, Upload upload) {
        IOException local = source.failure();
        if (local != null) {
            return new ClientFailure(ClientFailure.Reason.LOCAL_FILE, "cannot read source file " + upload.path() + " while uploading it: "
                    + ErrorReporter.describeIo(local), local);
        }
        Throwable cause = Completions.cause(e);
        if (cause instanceof RemoteException remote && remote.isA(INSECURE_PATH)) {
            String hint = upload.remoteName().contains("/")
                    ? " (this service does not allow subdirectories)" : "";
            return new ClientFailure(ClientFailure.Reason.NAME_REFUSED, "the server refused the name '" + upload.remoteName() + "'" + hint
                    + ": " + remote.value(), cause);
        }
        return ErrorReporter.callFailure(e, "putfile", "upload-file", "uploading " + upload.path());
    }

    private static boolean isPlainName(String name) {
        return !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals("..");
    }

    private static String stripTrailingSlashes(String dir) {
        String result = dir;
        while (result.length() > 1 && result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
