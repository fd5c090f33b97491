package org.flapp.services.command;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.flapp.rpc.PythonText;

/**
 * Why a command could not be started: the failed call's errno and strerror text and the file
 * name it was given, as the wait-status wrapper records them ({@code ERRNO KIND NAME-HEX
 * MESSAGE}, see wait-status.pl). {@link #pythonLine()} words it as the last line of the
 * traceback Python's server sends on the command's stderr in the same case, e.g.
 * {@code FileNotFoundError: [Errno 2] No such file or directory: '/srv/gone'}.
 *
 * @param bytesName true when Python shows the name as bytes ({@code b'/bin/cmd'}: a name found
 *     by searching PATH), false for text; ignored when {@code name} is null
 */
record ExecFailure(int errno, String strerror, byte[] name, boolean bytesName) {
    /** The longest file name shown, in bytes; longer ones are cut with "...". */
    private static final int MAX_NAME_BYTES = 4096;

    /** Reads the wrapper's words after {@code execfailed}; a damaged line still gives a message. */
    static ExecFailure parse(String words) {
        String[] parts = words.split(" ", 4);
        try {
            int errno = Integer.parseInt(parts[0]);
            String kind = parts[1];
            byte[] name = kind.equals("none") ? null
                    : parts[2].equals("-") ? new byte[0] : HexFormat.of().parseHex(parts[2]);
            return new ExecFailure(errno, parts.length > 3 ? parts[3] : "", name, kind.equals("bytes"));
        } catch (RuntimeException damaged) {
            return new ExecFailure(0, words, null, false);
        }
    }

    /** Python's exception class for the errno (PEP 3151's table, Linux numbers), without module. */
    String pythonType() {
        return switch (errno) {
            case 1, 13 -> "PermissionError";
            case 2 -> "FileNotFoundError";
            case 17 -> "FileExistsError";
            case 20 -> "NotADirectoryError";
            case 21 -> "IsADirectoryError";
            default -> "OSError";
        };
    }

    /** {@code Type: [Errno N] strerror: 'name'}, as Python prints the exception. */
    String pythonLine() {
        StringBuilder line = new StringBuilder(pythonType()).append(": [Errno ").append(errno).append("] ")
                .append(strerror);
        if (name != null) {
            line.append(": ").append(bytesName ? PythonText.repr(name, MAX_NAME_BYTES)
                    : PythonText.repr(new String(name, StandardCharsets.UTF_8)));
        }
        return line.toString();
    }
}
