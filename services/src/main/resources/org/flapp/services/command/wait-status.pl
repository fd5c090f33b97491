# Runs a command and records how it ended, for flapp's run-command service.
#
# Usage: perl wait-status.pl STATUS-FILE COMMAND [ARGS...]
#
# The JVM reports "killed by signal N" as exit status 128+N, the same number as a normal
# "exit 128+N", so this wrapper forks the command, waits for it and writes the raw outcome
# to STATUS-FILE (a private file the service created), as one line:
#   exited CODE | signaled SIGNUM | execfailed ERRNO MESSAGE
# stdin, stdout and stderr are passed through untouched (the command inherits them). The
# command is looked up on PATH (execvp) and gets the wrapper's environment, working directory
# and umask.
#
# The wrapper first makes itself the leader of a new session (and process group), which the
# command and everything it starts inherit, so the server can signal all of them at once: the
# server sends TERM (then KILL after a grace period) to every process of the session. The
# wrapper itself ignores TERM, INT and HUP so that it outlives the command and reports how it
# ended; the command gets the default actions back. If the server dies without stopping it
# (kill -9, out of memory), the wrapper notices its parent is gone within a second and kills
# its process group.
use strict;
use warnings;
use POSIX ();

my $status_path = shift @ARGV;
my @stoppers = qw(TERM INT HUP);
POSIX::setsid();
my $parent = getppid();
$SIG{$_} = 'IGNORE' for @stoppers;

# perl marks pipe ends close-on-exec: EOF on $r means the exec worked
pipe(my $r, my $w) or record("execfailed " . ($! + 0) . " pipe: $!");
my $pid = fork();
defined $pid or record("execfailed " . ($! + 0) . " fork: $!");
if ($pid == 0) {
    close $r;
    $SIG{$_} = 'DEFAULT' for @stoppers;
    { no warnings 'exec'; exec { $ARGV[0] } @ARGV; }
    syswrite $w, ($! + 0) . " $!";
    POSIX::_exit(127);
}
close $w;
$SIG{ALRM} = sub {
    kill 'KILL', -$$ if getppid() != $parent;
    alarm 1;
};
alarm 1;
my $exec_error = '';
while (1) {
    my $n = sysread $r, my $chunk, 4096;
    if (!defined $n) { next if $!{EINTR}; last }
    last if $n == 0;
    $exec_error .= $chunk;
}
close $r;
my $got;
do { $got = waitpid($pid, 0) } while ($got == -1 && $!{EINTR});
my $status = $?;
if (length $exec_error) {
    record("execfailed $exec_error");
} elsif (POSIX::WIFSIGNALED($status)) {
    record("signaled " . POSIX::WTERMSIG($status));
} else {
    record("exited " . POSIX::WEXITSTATUS($status));
}

sub record {
    my ($line) = @_;
    open my $out, '>', $status_path or exit 125;
    print $out "$line\n";
    close $out or exit 125;
    exit 0;
}
