package com.example.webex.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulator's notion of now, which tests can move forward to expire tokens without
 * waiting; deliberately not a {@link Clock} bean, so an embedding application never
 * injects it by accident.
 */
public final class SimulatorClock {

	private final Clock base;

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	SimulatorClock(Clock base) {
		this.base = base;
	}

	/**
	 * Moves the simulator's time forward.
	 * @param amount how far; not negative
	 * @return the new offset from real time
	 */
	public Duration advance(Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("The simulator clock only moves forward");
		}
		return this.offset.accumulateAndGet(amount, Duration::plus);
	}

	public Duration offset() {
		return this.offset.get();
	}

	/** Back to real time; tokens issued "in the future" meanwhile keep their dates. */
	public void reset() {
		this.offset.set(Duration.ZERO);
	}

	public Instant instant() {
		return this.base.instant().plus(this.offset.get());
	}

	long millis() {
		return instant().toEpochMilli();
	}

}
