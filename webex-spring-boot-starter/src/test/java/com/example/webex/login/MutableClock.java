package com.example.webex.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move forward: a base clock (the system's, unless given) plus an
 * offset.
 */
public final class MutableClock extends Clock {

	private final Clock base;

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	public MutableClock() {
		this(Clock.systemUTC());
	}

	public MutableClock(Clock base) {
		this.base = base;
	}

	public void advance(Duration by) {
		this.offset.accumulateAndGet(by, Duration::plus);
	}

	public void reset() {
		this.offset.set(Duration.ZERO);
	}

	@Override
	public Instant instant() {
		return this.base.instant().plus(this.offset.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

}
