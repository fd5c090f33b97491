package org.flapp.services;

import java.nio.file.Path;
import java.util.List;
import org.flapp.services.options.RunCommandOptions;
import org.flapp.services.options.UploadFileOptions;

/**
 * The kinds of service a flappserver can offer, by the names used in {@code flappserver add}
 * and in {@code services.json}.
 *
 * <pre>{@code
 * ServiceType type = ServiceType.named("upload-file");      // or UnknownServiceType
 * type.validate(List.of("--mode=0600", "incoming"), cwd);   // or BadServiceArguments
 * }</pre>
 */
public enum ServiceType {
    UPLOAD_FILE("upload-file"),
    RUN_COMMAND("run-command");

    private final String wireName;

    ServiceType(String wireName) {
        this.wireName = wireName;
    }

    /** The name as written in {@code flappserver add} and {@code services.json}. */
    public String wireName() {
        return wireName;
    }

    /** The type called {@code name}. */
    public static ServiceType named(String name) throws UnknownServiceType {
        for (ServiceType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new UnknownServiceType(name);
    }

    /**
     * Checks {@code args} as {@code flappserver add} must, resolving a relative TARGETDIR against
     * {@code baseDir} (the caller's working directory at {@code add} time), and returns the parsed
     * options ({@link UploadFileOptions} or {@link RunCommandOptions}).
     *
     * @throws ServiceHelpRequested for {@code --help}/{@code --version}: print its text, exit 0
     * @throws BadServiceArguments print {@code "Error: " + getMessage()}, exit 1
     */
    public Record validate(List<String> args, Path baseDir) throws BadServiceArguments {
        return switch (this) {
            case UPLOAD_FILE -> UploadFileOptions.parse(args, baseDir);
            case RUN_COMMAND -> RunCommandOptions.parse(args, baseDir);
        };
    }
}
