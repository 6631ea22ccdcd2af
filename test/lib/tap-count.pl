#!/usr/bin/perl
# tap-count.pl - run TAP test files and count their assertions.
#
# Usage: tap-count.pl PERL_LIB_DIR FILE...
# Runs each FILE with perl -I PERL_LIB_DIR, echoes its output to stderr,
# and prints "<passed> <failed>" on stdout.  A file that skips everything,
# runs no test, dies, or does not match its plan counts as one failure, so
# a missing TAP toolchain can never pass silently.
use strict;
use warnings;
use TAP::Parser;

my ($lib, @files) = @ARGV;
my ($passed, $failed) = (0, 0);
$failed++ unless @files;

for my $file (@files)
{
	next unless -f $file;
	my $parser = TAP::Parser->new({ exec => [ 'perl', '-I', $lib, $file ], merge => 1 });
	my ($ok, $bad) = (0, 0);
	while (my $result = $parser->next)
	{
		print STDERR $result->as_string, "\n";
		next unless $result->is_test;
		if ($result->is_ok) { $ok++ } else { $bad++ }
	}
	my $broken = $parser->skip_all || $ok + $bad == 0 || $parser->exit != 0
	  || $parser->parse_errors;
	printf STDERR "%s: %d passed, %d failed%s\n", $file, $ok, $bad,
	  $broken ? ' (broken: skipped, no tests, bad plan or non-zero exit)' : '';
	$passed += $ok;
	$failed += $bad + ($broken && $bad == 0 ? 1 : 0);
}
print "$passed $failed\n";
