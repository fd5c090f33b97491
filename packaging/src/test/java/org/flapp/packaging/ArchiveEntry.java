package org.flapp.packaging;

/** One member of a tar archive as the tests need it: path (without "./"), mode, kind, content. */
record ArchiveEntry(String path, int mode, char type, String linkTarget, byte[] content) {
    boolean isDirectory() {
        return type == '5';
    }

    boolean isSymlink() {
        return type == '2';
    }

    boolean isExecutable() {
        return (mode & 0111) == 0111;
    }

    String text() {
        return new String(content, java.nio.charset.StandardCharsets.UTF_8);
    }
}
