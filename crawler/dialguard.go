package crawler

import (
	"net/netip"
	"syscall"
)

// dialGuard is a net.Dialer Control func: it runs on the resolved address
// before connect, so a refused address never sees a packet, and DNS
// rebinding cannot slip past it.
func dialGuard(allowPrivate bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return &RefusedError{Addr: address, Class: "unparsable address", Always: true}
		}
		class, always := addrClass(ap.Addr())
		if class == "" || (allowPrivate && !always) {
			return nil
		}
		return &RefusedError{Addr: address, Class: class, Always: always}
	}
}

// addrClass names the non-public class of ip ("" for public) and whether
// it is refused even with allow_private.
func addrClass(ip netip.Addr) (class string, always bool) {
	ip = ip.Unmap()
	thisNet := netip.PrefixFrom(netip.AddrFrom4([4]byte{0, 0, 0, 0}), 8)
	sharedNet := netip.PrefixFrom(netip.AddrFrom4([4]byte{100, 64, 0, 0}), 10) // RFC 6598 carrier-grade NAT
	switch {
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		// 169.254.0.0/16 and fe80::/10: cloud metadata endpoints live here.
		return "link-local", true
	case ip.IsUnspecified(), thisNet.Contains(ip):
		return "unspecified", false
	case ip.IsLoopback():
		return "loopback", false
	case ip.IsPrivate(), sharedNet.Contains(ip):
		return "private", false
	case ip.IsMulticast():
		return "multicast", true
	}
	return "", false
}
