package org.flapp.packaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the package formats the build makes, so the tests need no tar or dpkg: gzipped tar
 * (ustar, with GNU long names and pax path records) and the {@code ar} container of a .deb.
 * For test-sized archives only: everything is read into memory.
 */
final class Archives {
    private Archives() {
    }

    /** The members of a .tar.gz, by path without a leading "./"; directories end in "/". */
    static Map<String, ArchiveEntry> readTarGz(byte[] gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return readTar(in.readAllBytes());
        }
    }

    static Map<String, ArchiveEntry> readTar(byte[] tar) {
        Map<String, ArchiveEntry> entries = new LinkedHashMap<>();
        int pos = 0;
        String longName = null;
        while (pos + 512 <= tar.length && tar[pos] != 0) {
            String name = field(tar, pos, 100);
            int mode = (int) octal(tar, pos + 100, 8);
            long size = octal(tar, pos + 124, 12);
            char type = (char) (tar[pos + 156] == 0 ? '0' : tar[pos + 156]);
            String link = field(tar, pos + 157, 100);
            String prefix = new String(tar, pos + 257, 6, StandardCharsets.US_ASCII).startsWith("ustar")
                    ? field(tar, pos + 345, 155) : "";
            int dataStart = pos + 512;
            byte[] data = java.util.Arrays.copyOfRange(tar, dataStart, (int) (dataStart + size));
            pos = dataStart + (int) ((size + 511) / 512 * 512);
            if (type == 'L') { // GNU: the next member's long name
                longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                continue;
            }
            if (type == 'x') { // pax: "LEN path=NAME\n" records for the next member
                for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
                    int eq = record.indexOf(" path=");
                    if (eq > 0) {
                        longName = record.substring(eq + 6);
                    }
                }
                continue;
            }
            if (type == 'g') {
                continue;
            }
            String path = longName != null ? longName : (prefix.isEmpty() ? name : prefix + "/" + name);
            longName = null;
            if (path.startsWith("./")) {
                path = path.substring(2);
            }
            if (path.isEmpty()) {
                continue; // the "./" root
            }
            if (type == '5' && !path.endsWith("/")) {
                path = path + "/";
            }
            entries.put(path, new ArchiveEntry(path, mode, type, link, data));
        }
        return entries;
    }

    /** The members of an {@code ar} archive (a .deb: debian-binary, control.tar.*, data.tar.*). */
    static Map<String, byte[]> readAr(Path file) throws IOException {
        byte[] ar = Files.readAllBytes(file);
        if (!new String(ar, 0, 8, StandardCharsets.US_ASCII).equals("!<arch>\n")) {
            throw new IOException(file + " is not an ar archive");
        }
        Map<String, byte[]> members = new LinkedHashMap<>();
        int pos = 8;
        while (pos + 60 <= ar.length) {
            String name = new String(ar, pos, 16, StandardCharsets.US_ASCII).strip();
            if (name.endsWith("/")) {
                name = name.substring(0, name.length() - 1);
            }
            int size = Integer.parseInt(new String(ar, pos + 48, 10, StandardCharsets.US_ASCII).strip());
            members.put(name, java.util.Arrays.copyOfRange(ar, pos + 60, pos + 60 + size));
            pos += 60 + size + (size % 2);
        }
        return members;
    }

    private static String field(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len) {
        String s = field(b, off, len).strip();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }
}
