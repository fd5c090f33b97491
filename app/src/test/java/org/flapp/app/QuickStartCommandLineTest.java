package org.flapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The quick reading of {@code start} command lines gives the command picocli would have filled
 * in, field by field, and leaves to picocli every line it is not sure of.
 */
class QuickStartCommandLineTest {
    /** The fields that decide what a start does, as one comparable list. */
    private static List<Object> fields(StartCommand c) {
        TwistdOptions t = c.twistd;
        List<Object> f = new ArrayList<>();
        f.add(c.basedir);
        f.add(c.maxCommands);
        f.add(c.readyFile);
        f.add(c.detachedReadyFile);
        for (Object o : new Object[] {t.nodaemon, t.logfile, t.pidfile, t.syslog, t.prefix, t.umask, t.rundir, t.debug,
                t.reactor, t.profile, t.profiler, t.savestats, t.spew, t.noSave, t.originalname, t.logger, t.euid,
                t.encrypted, t.file, t.source, t.python, t.uid, t.gid, t.chroot}) {
            f.add(o);
        }
        return f;
    }

    private static StartCommand picocli(String[] args) {
        StartCommand command = new StartCommand();
        new CommandLine(command).parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
        return command;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "start srv",
        "start /abs/srv",
        "start --detached=/tmp/r.ready /abs/srv",
        "start --detached=/tmp/r.ready --umask 0022 --rundir=run -l log.txt --pidfile=p.pid --prefix=fl --max-commands 7 /abs/srv",
        "start srv --nodaemon",
        "start -n srv --logfile=",
        "start -n srv --logfile=-",
        "start srv --syslog --prefix tag",
        "start --nodaemon --logfile=/x/twistd.log --pidfile= --umask=0077 --rundir=/x --ready-file=/tmp/f.ready --max-commands 0 /x",
        "start -d sub srv --max-commands=12",
    })
    void readsWhatPicocliReads(String line) {
        String[] args = line.split(" ", -1);
        Optional<StartCommand> quick = QuickStartCommandLine.parse(args);
        assertTrue(quick.isPresent(), line);
        assertEquals(fields(picocli(args)), fields(quick.get()), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "start",
        "stop srv",
        "start srv other",
        "start --help",
        "start srv -h",
        "start srv --version",
        "start srv --debug",
        "start srv -b",
        "start srv --reactor=poll",
        "start srv -nb",
        "start srv -n -n",
        "start srv --umask 0022 --umask 0077",
        "start srv --logfile",
        "start srv --logfile -",
        "start srv --pidfile --syslog",
        "start srv --max-commands=-1",
        "start srv --max-commands 007",
        "start srv --max-commands=1e3",
        "start srv --max-commands 9999999999",
        "start @args",
        "start srv --rundir @dir",
        "start -- srv",
        "start srv --syslog=true",
        "start srv -d=sub",
        "start srv -dsub",
        "start srv --uid=0",
    })
    void leavesTheRestToPicocli(String line) {
        assertEquals(Optional.empty(), QuickStartCommandLine.parse(line.split(" ", -1)), line);
    }

    /** A start that fails says the same words with the same status either way. */
    @ParameterizedTest
    @ValueSource(strings = {
        "start no-such-dir --nodaemon",
        "start no-such-dir",
        "start --detached=READY no-such-dir",
        "start BASE --nodaemon --umask 99",
        "start BASE --rundir=no-such-sub --nodaemon",
        "start BASE --logfile=x --syslog --nodaemon --pidfile=",
    })
    void failsAsPicocliFails(String line, @TempDir Path tmp) throws Exception {
        Path base = tmp.resolve("srv");
        Files.createDirectory(base);
        String[] args = line.replace("BASE", base.toString()).replace("READY", tmp.resolve("r").toString()).split(" ");
        assertTrue(QuickStartCommandLine.parse(args).isPresent(), line);
        CliRun quick = CliRun.ours(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FlappServer.runWithPicocli(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(new CliRun(status, out.toString(), err.toString()).toString(), quick.toString(), line);
        assertTrue(status != 0, line);
    }

    @Test
    void leavesAnEmptyBasedirToPicocli() {
        assertEquals(Optional.empty(), QuickStartCommandLine.parse(new String[] {"start", ""}));
        assertEquals(Optional.empty(), QuickStartCommandLine.parse(new String[] {"start", "--umask", "", "srv"}));
    }
}
