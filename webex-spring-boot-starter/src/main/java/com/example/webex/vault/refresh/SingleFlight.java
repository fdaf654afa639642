package com.example.webex.vault.refresh;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * At most one computation per key at a time in this JVM: the first caller for a key leads
 * and runs it on its own thread; callers that arrive while it runs wait for it and share
 * its outcome, value or exception. Nothing is cached: once a flight has landed, the next
 * caller for that key leads a new one.
 * <p>
 * The JDK has the parts ({@link ConcurrentHashMap#putIfAbsent},
 * {@link CompletableFuture}) but not the whole, and neither Spring nor Caffeine offers it
 * without caching the value.
 *
 * @param <K> the key, e.g. the principal whose grant is refreshed
 * @param <V> what a flight produces
 */
public final class SingleFlight<K, V> {

	private final ConcurrentMap<K, CompletableFuture<V>> flights = new ConcurrentHashMap<>();

	/**
	 * Run {@code work} for {@code key}, or wait for the flight already running for it.
	 * @param key what the flight is for
	 * @param work run on the calling thread if this caller leads
	 * @return the flight's value and whether this caller led it
	 * @throws RuntimeException the exception the flight ended with, whether this caller
	 * led it or waited for it
	 */
	public Landing<V> run(K key, Supplier<V> work) {
		CompletableFuture<V> flight = new CompletableFuture<>();
		CompletableFuture<V> running = this.flights.putIfAbsent(key, flight);
		if (running != null) {
			return new Landing<>(await(running), false);
		}
		try {
			V value = work.get();
			flight.complete(value);
			return new Landing<>(value, true);
		}
		catch (RuntimeException | Error ex) {
			flight.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.flights.remove(key, flight);
		}
	}

	/** Whether a flight for {@code key} is running right now. */
	public boolean isRunning(K key) {
		return this.flights.containsKey(key);
	}

	private static <V> V await(CompletableFuture<V> flight) {
		try {
			return flight.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * How a flight ended for one caller.
	 *
	 * @param <V> what the flight produced
	 * @param value the flight's value
	 * @param led whether this caller ran the flight (rather than waiting for another's)
	 */
	public record Landing<V>(V value, boolean led) {
	}

}
