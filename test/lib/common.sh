# common.sh - shared steps of ddbtable's test and demo commands (sourced).
#
# The commands work from a fresh clone on Debian 12, as root or not:
#   - packages that are missing are installed with apt-get (through sudo
#     when not root);
#   - PostgreSQL 15 is copied into a private, relocated installation under a
#     temporary work directory (PostgreSQL finds its share and lib
#     directories relative to its binaries), and ddbtable is built from a
#     copy of the source tree and installed there, so nothing is written to
#     the clone or to the system's PostgreSQL;
#   - the server always runs as an unprivileged OS user: the caller, or the
#     "postgres" user when the caller is root (initdb refuses root);
#   - the cluster listens on a Unix socket in the work directory only.

DDB_PG_VERSION=15
DDB_SYSTEM_PG_LIB=/usr/lib/postgresql/$DDB_PG_VERSION
DDB_SYSTEM_PG_SHARE=/usr/share/postgresql/$DDB_PG_VERSION
DDB_PACKAGES=(
	make gcc perl libc6-dev
	postgresql-$DDB_PG_VERSION postgresql-client-$DDB_PG_VERSION
	postgresql-server-dev-$DDB_PG_VERSION
	libzstd-dev zstd libipc-run-perl
)

# Print a progress line.
ddb_log() {
	printf '==> %s\n' "$*" >&2
}

# Stop with a message.
ddb_die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# Install the Debian packages that are missing.
ddb_require_packages() {
	local missing=() pkg
	for pkg in "${DDB_PACKAGES[@]}" "$@"; do
		if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
			missing+=("$pkg")
		fi
	done
	((${#missing[@]})) || return 0
	ddb_log "installing ${missing[*]}"
	local sudo=()
	if [[ $(id -u) -ne 0 ]]; then
		command -v sudo >/dev/null || ddb_die "missing packages (${missing[*]}) and no sudo to install them"
		sudo=(sudo -n)
	fi
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null ||
		ddb_die "apt-get update failed"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null ||
		ddb_die "apt-get install ${missing[*]} failed"
}

# The OS user the server runs as.
ddb_server_user() {
	if [[ $(id -u) -eq 0 ]]; then
		echo postgres
	else
		id -un
	fi
}

# Run a command as the server user, keeping the environment.
ddb_as_server_user() {
	if [[ $(id -u) -eq 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# Create the work directory: $1 is a short purpose (test, demo).
ddb_make_workdir() {
	DDB_WORK=$(mktemp -d "/tmp/ddbtable-$1.XXXXXX")
	chmod 755 "$DDB_WORK"
	export DDB_WORK
	export DDB_PG_PREFIX="$DDB_WORK/pg"
	export DDB_PG_BIN="$DDB_PG_PREFIX$DDB_SYSTEM_PG_LIB/bin"
	export DDB_PG_PKGLIB="$DDB_PG_PREFIX$DDB_SYSTEM_PG_LIB/lib"
	export DDB_SOCKET_DIR="$DDB_WORK/socket"
	export DDB_DATA_DIR="$DDB_WORK/data"
}

# Copy PostgreSQL into the work directory (a private, relocated install).
ddb_stage_postgres() {
	ddb_log "staging a private PostgreSQL $DDB_PG_VERSION in $DDB_PG_PREFIX"
	mkdir -p "$DDB_PG_PREFIX/usr/lib/postgresql" "$DDB_PG_PREFIX/usr/share/postgresql" \
		"$DDB_PG_PREFIX/usr/include"
	cp -a "$DDB_SYSTEM_PG_LIB" "$DDB_PG_PREFIX/usr/lib/postgresql/"
	cp -a "$DDB_SYSTEM_PG_SHARE" "$DDB_PG_PREFIX/usr/share/postgresql/"
	ln -s /usr/include/postgresql "$DDB_PG_PREFIX/usr/include/postgresql"
	[[ $("$DDB_PG_BIN/pg_config" --pkglibdir) == "$DDB_PG_PKGLIB" ]] ||
		ddb_die "the staged PostgreSQL does not find its own directories"
}

# Copy the source tree ($1) into the work directory, build and install it.
ddb_build_and_install() {
	local src=$1
	ddb_log "building ddbtable"
	mkdir -p "$DDB_WORK/src"
	# In a git checkout copy what git tracks plus untracked files it does not
	# ignore (no build products or scratch files); elsewhere the whole tree.
	local files
	if files=$(cd "$src" && git ls-files -z -co --exclude-standard 2>/dev/null | tr '\0' '\n') &&
		[[ -n $files ]]; then
		(cd "$src" && printf '%s\n' "$files" | tar --ignore-failed-read -T - -cf - 2>/dev/null) |
			tar -C "$DDB_WORK/src" -xf -
	else
		(cd "$src" && tar --exclude=.git --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
			-cf - .) | tar -C "$DDB_WORK/src" -xf -
	fi
	make -s -C "$DDB_WORK/src" PG_CONFIG="$DDB_PG_BIN/pg_config" -j2 >"$DDB_WORK/build.log" 2>&1 ||
		{ cat "$DDB_WORK/build.log" >&2; ddb_die "build failed"; }
	if grep -q 'warning:' "$DDB_WORK/build.log"; then
		cat "$DDB_WORK/build.log" >&2
		ddb_die "the build printed warnings"
	fi
	make -s -C "$DDB_WORK/src" PG_CONFIG="$DDB_PG_BIN/pg_config" install >>"$DDB_WORK/build.log" 2>&1 ||
		{ cat "$DDB_WORK/build.log" >&2; ddb_die "install failed"; }
	if [[ $(id -u) -eq 0 ]]; then
		chown -R postgres: "$DDB_WORK"
	fi
}

# Create and start the throwaway cluster (run as the server user).
ddb_start_cluster() {
	mkdir -p "$DDB_SOCKET_DIR"
	"$DDB_PG_BIN/initdb" -D "$DDB_DATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
		>"$DDB_WORK/initdb.log" 2>&1 || { cat "$DDB_WORK/initdb.log" >&2; return 1; }
	cat >>"$DDB_DATA_DIR/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$DDB_SOCKET_DIR'
max_worker_processes = 16
max_prepared_transactions = 10
log_min_messages = warning
EOF
	"$DDB_PG_BIN/pg_ctl" -D "$DDB_DATA_DIR" -l "$DDB_WORK/server.log" -w start >/dev/null
}

# Stop the throwaway cluster if it runs (run as the server user).
ddb_stop_cluster() {
	if [[ -f $DDB_DATA_DIR/postmaster.pid ]]; then
		"$DDB_PG_BIN/pg_ctl" -D "$DDB_DATA_DIR" -m fast -w stop >/dev/null 2>&1 ||
			"$DDB_PG_BIN/pg_ctl" -D "$DDB_DATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
	fi
}
