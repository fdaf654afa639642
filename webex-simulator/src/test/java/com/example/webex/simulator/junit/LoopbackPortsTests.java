package com.example.webex.simulator.junit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ports handed out before an app starts: free, below the ephemeral range, never twice.
 */
class LoopbackPortsTests {

	@Test
	void reserveWhenAskedForSeveralThenDistinctFreePortsBelowTheEphemeralRange() throws IOException {
		int ephemeral = ephemeralRangeStart();

		List<Integer> ports = LoopbackPorts.reserve(3);

		assertThat(ports).hasSize(3)
			.doesNotHaveDuplicates()
			.allSatisfy((port) -> assertThat(port).isGreaterThanOrEqualTo(20000).isLessThan(ephemeral));
		for (int port : ports) {
			// an app can bind it now
			new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
		}
	}

	@Test
	void reserveWhenCalledAgainThenNeverHandsOutAPortTwice() {
		Set<Integer> handedOut = new HashSet<>(LoopbackPorts.reserve(20));
		for (int i = 0; i < 20; i++) {
			assertThat(handedOut.add(LoopbackPorts.reserve())).isTrue();
		}
	}

	/** Where the kernel starts picking ports by itself; Linux's default elsewhere. */
	private static int ephemeralRangeStart() throws IOException {
		Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
		return Files.isReadable(range) ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0])
				: 32768;
	}

}
