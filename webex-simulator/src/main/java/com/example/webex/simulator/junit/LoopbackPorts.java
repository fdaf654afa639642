package com.example.webex.simulator.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for apps under test that must be known before they start, e.g. because their
 * redirect URIs are registered with the simulator up front, or several instances share
 * one configuration.
 *
 * <p>
 * A port from {@code new ServerSocket(0)} is taken from the kernel's ephemeral range and
 * is free again once that socket closes: a later {@code server.port=0}, embedded
 * PostgreSQL or an outgoing connection's local end may take it before the instance
 * starts, and the instance then fails with "address already in use" (it did, on CI).
 * These ports come from below the ephemeral range, where nothing picks ports by itself,
 * and are checked free.
 */
public final class LoopbackPorts {

	private static final int LOWEST = 20000;

	/**
	 * Ports already handed out: free now may only mean that instance has not started yet.
	 */
	private static final Set<Integer> handedOut = new HashSet<>();

	private LoopbackPorts() {
	}

	/**
	 * {@code count} distinct ports, each free on loopback and on all addresses right now
	 * and never handed out before in this JVM (by this class).
	 * @param count how many
	 * @return the ports
	 * @throws IllegalStateException if there are not that many free ports below the
	 * ephemeral range, or that range starts too low to leave room below it
	 */
	public static synchronized List<Integer> reserve(int count) {
		int limit = ephemeralRangeStart();
		List<Integer> ports = new ArrayList<>();
		int candidate = ThreadLocalRandom.current().nextInt(LOWEST, limit);
		for (int tried = 0; ports.size() < count && tried < limit - LOWEST; tried++) {
			if (!handedOut.contains(candidate) && isFree(candidate)) {
				ports.add(candidate);
			}
			candidate = (candidate + 1 < limit) ? candidate + 1 : LOWEST;
		}
		if (ports.size() < count) {
			throw new IllegalStateException("no " + count + " free ports between " + LOWEST + " and " + limit);
		}
		handedOut.addAll(ports);
		return List.copyOf(ports);
	}

	/** One such port. */
	public static int reserve() {
		return reserve(1).get(0);
	}

	private static boolean isFree(int port) {
		try (ServerSocket loopback = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
				ServerSocket any = new ServerSocket()) {
			// both: an instance binds loopback, someone else may hold the wildcard
			// address
			loopback.close();
			any.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Linux's {@code ip_local_port_range}, read line by line ({@code /proc} files report
	 * a size of 0, which {@code Files.readString} trusts); elsewhere Linux's default
	 * start.
	 */
	private static int ephemeralRangeStart() {
		Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
		if (!Files.isReadable(range)) {
			return 32768;
		}
		try {
			int start = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
			if (start < LOWEST + 2000) {
				throw new IllegalStateException(
						"the ephemeral port range starts at " + start + ", too low to keep test ports out of it");
			}
			return start;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
