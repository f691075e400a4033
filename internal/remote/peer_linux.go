package remote

import (
	"net"

	"golang.org/x/sys/unix"
)

// peer returns the process id and user id of the other end of a Unix
// socket connection (for a listening socket, of the process that made it).
func peer(conn *net.UnixConn) (pid, uid int, ok bool) {
	raw, err := conn.SyscallConn()
	if err != nil {
		return 0, 0, false
	}
	var cred *unix.Ucred
	var credErr error
	if err := raw.Control(func(fd uintptr) {
		cred, credErr = unix.GetsockoptUcred(int(fd), unix.SOL_SOCKET, unix.SO_PEERCRED)
	}); err != nil || credErr != nil {
		return 0, 0, false
	}
	return int(cred.Pid), int(cred.Uid), true
}
