package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git over a FURL, as docs/git.md describes it: a bare repository served by two run-command
 * services ({@code git-upload-pack} for clone and fetch, {@code git-receive-pack} for push), and
 * real git using our flappclient (a process, as git starts it) through the {@code ext::}
 * transport. A repository of a few megabytes is cloned, new commits pushed and fetched into
 * another clone, against our server (in this JVM) and against Python's.
 */
@Timeout(300)
class GitOverFurlTest {
    @TempDir
    Path tmp;

    @Test
    void cloneFetchAndPushThroughOurServer() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp.resolve("our-server"))) {
            Path repo = bareRepository();
            String fetchFurl = server.command("--accept-stdin", repo.toString(), "git-upload-pack", ".");
            String pushFurl = server.command("--accept-stdin", repo.toString(), "git-receive-pack", ".");
            cloneFetchAndPush(repo, fetchFurl, pushFurl);
        }
    }

    @Test
    void cloneFetchAndPushThroughPythonsServer() throws Exception {
        PythonPeer.require();
        try (PythonServer server = PythonServer.create(tmp.resolve("python-server"))) {
            Path repo = bareRepository();
            String fetchFurl = server.add("run-command", "--accept-stdin", repo.toString(), "git-upload-pack", ".");
            String pushFurl = server.add("run-command", "--accept-stdin", repo.toString(), "git-receive-pack", ".");
            server.start();
            cloneFetchAndPush(repo, fetchFurl, pushFurl);
        }
    }

    private void cloneFetchAndPush(Path repo, String fetchFurl, String pushFurl) throws Exception {
        Path fetchFile = Files.writeString(tmp.resolve("fetch.furl"), "# clone and fetch\n" + fetchFurl + "\n");
        Path pushFile = Files.writeString(tmp.resolve("push.furl"), pushFurl + "\n");
        String fetchUrl = "ext::" + flappclient() + " --furlfile " + fetchFile + " run-command";
        String pushUrl = "ext::" + flappclient() + " --furlfile " + pushFile + " run-command";

        // clone: every object of the few-megabyte history arrives through the FURL
        git(tmp, "clone", "-q", fetchUrl, "first");
        Path first = tmp.resolve("first");
        assertEquals(git(repo, "rev-parse", "main"), git(first, "rev-parse", "HEAD"));
        git(first, "fsck", "--full", "--strict");
        assertEquals(git(repo, "rev-parse", "main:blob.bin"), git(first, "hash-object", "blob.bin"));

        // push: two new commits, one with a megabyte of new content, go back through the other FURL
        Files.write(first.resolve("more.bin"), randomBytes(2, 1 << 20));
        git(first, "add", "more.bin");
        git(first, "commit", "-q", "-m", "more");
        Files.writeString(first.resolve("note.txt"), "pushed through a FURL\n");
        git(first, "add", "note.txt");
        git(first, "commit", "-q", "-m", "note");
        git(first, "remote", "add", "pushurl", pushUrl);
        git(first, "push", "-q", "pushurl", "HEAD:main");
        String pushed = git(first, "rev-parse", "HEAD");
        assertEquals(pushed, git(repo, "rev-parse", "main"));
        git(repo, "fsck", "--full", "--strict");

        // fetch: a clone made before the push catches up
        git(tmp, "clone", "-q", repo.toString(), "second");
        Path second = tmp.resolve("second");
        git(second, "reset", "-q", "--hard", "HEAD~2");
        git(second, "fetch", "-q", fetchUrl, "main");
        assertEquals(pushed, git(second, "rev-parse", "FETCH_HEAD"));
    }

    /** A bare repository whose main branch holds three megabytes of incompressible data. */
    private Path bareRepository() throws Exception {
        Path work = tmp.resolve("source");
        Files.createDirectories(work);
        git(work, "init", "-q", "-b", "main");
        Files.write(work.resolve("blob.bin"), randomBytes(1, 3 << 20));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            lines.append("line ").append(i).append('\n');
        }
        Files.writeString(work.resolve("lines.txt"), lines);
        git(work, "add", ".");
        git(work, "commit", "-q", "-m", "first");
        git(tmp, "clone", "-q", "--bare", work.toString(), "served.git");
        return tmp.resolve("served.git");
    }

    private static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A launcher for our flappclient, the way git runs it: a program on a command line. */
    private String flappclient() throws IOException {
        Path launcher = tmp.resolve("flappclient");
        if (!Files.exists(launcher)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -cp '"
                    + System.getProperty("java.class.path") + "' org.flapp.client.FlappClient \"$@\"\n");
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        }
        return launcher.toString();
    }

    /** Runs git in {@code dir} with a configuration of the test's own; its trimmed stdout. */
    private String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "protocol.ext.allow=always", "-c", "user.name=Flapp Test",
                "-c", "user.email=test@flapp.invalid", "-c", "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("HOME", tmp.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        Path out = Files.createTempFile(tmp, "git", ".out");
        Path err = Files.createTempFile(tmp, "git", ".err");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + cmd);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertTrue(p.exitValue() == 0, () -> String.join(" ", cmd) + " exited " + p.exitValue() + "\n" + stdout + stderr);
        return stdout.strip();
    }
}
