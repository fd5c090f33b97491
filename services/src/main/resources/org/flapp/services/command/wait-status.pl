# Runs a command and records how it ended, for flapp's run-command service.
#
# Usage: perl wait-status.pl STATUS-FILE DIRECTORY COMMAND [ARGS...]
#
# The JVM reports "killed by signal N" as exit status 128+N, the same number as a normal
# "exit 128+N", so this wrapper forks the command, waits for it and writes the raw outcome
# to STATUS-FILE (a private file the service created), as one line:
#   exited CODE | signaled SIGNUM | execfailed ERRNO KIND NAME-HEX MESSAGE
# stdin, stdout and stderr are passed through untouched (the command inherits them). The
# forked child changes to DIRECTORY and executes the command, as Python's server does (Twisted
# forks, chdirs and calls os.execvpe), so a missing directory or command is reported the way
# Python reports it: ERRNO and MESSAGE (strerror) of the failed call, NAME-HEX the file name it
# was given in hexadecimal, KIND "str" or "bytes" for how Python's exception shows that name
# ("none" with NAME-HEX "-" when there is none). A command without a slash is looked up on PATH
# in Python's order: each directory is tried; the first error other than "not found" / "not a
# directory" wins, else the last one. The command gets the wrapper's environment and umask.
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
my $directory = shift @ARGV;
my @stoppers = qw(TERM INT HUP);
POSIX::setsid();
my $parent = getppid();
$SIG{$_} = 'IGNORE' for @stoppers;

# perl marks pipe ends close-on-exec: EOF on $r means the exec worked
pipe(my $r, my $w) or record("execfailed " . ($! + 0) . " none - $!");
my $pid = fork();
defined $pid or record("execfailed " . ($! + 0) . " none - $!");
if ($pid == 0) {
    close $r;
    $SIG{$_} = 'DEFAULT' for @stoppers;
    chdir $directory or child_failed('str', $directory);
    child_failed(run(@ARGV));
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

# Executes the command; returns (KIND, NAME) of the failure, with $! set, if it cannot.
sub run {
    my ($program, @args) = @_;
    no warnings 'exec';
    if (index($program, '/') >= 0) {
        exec { $program } $program, @args;
        return ('str', $program);
    }
    my ($saved_errno, $saved_name, $last_errno, $last_name);
    my @dirs = split /:/, (defined $ENV{PATH} ? $ENV{PATH} : '/bin:/usr/bin'), -1;
    for my $dir (@dirs) {
        my $full = length $dir ? "$dir/$program" : $program;
        exec { $full } $program, @args;
        ($last_errno, $last_name) = ($! + 0, $full);
        if (!$!{ENOENT} && !$!{ENOTDIR} && !defined $saved_errno) {
            ($saved_errno, $saved_name) = ($last_errno, $last_name);
        }
    }
    ($last_errno, $last_name) = (POSIX::ENOENT(), $program) unless defined $last_errno;
    $! = defined $saved_errno ? $saved_errno : $last_errno;
    return ('bytes', defined $saved_errno ? $saved_name : $last_name);
}

sub child_failed {
    my ($kind, $name) = @_;
    syswrite $w, ($! + 0) . " $kind " . (length $name ? unpack("H*", $name) : "-") . " $!";
    POSIX::_exit(127);
}

sub record {
    my ($line) = @_;
    open my $out, '>', $status_path or exit 125;
    print $out "$line\n";
    close $out or exit 125;
    exit 0;
}
