package com.example.webexoauth;

import com.example.webex.simulator.DemoDirectory;
import com.example.webex.simulator.SimulatorClock;
import com.example.webex.simulator.SimulatorSettings;
import com.example.webex.simulator.SimulatorStats;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts the shared {@link SimulatedWebex}'s knobs, clock, counters and added rooms back as configured after
 * each test of a class that changes them ({@code @ExtendWith(SimulatorReset.class)}), since the
 * next test class in the JVM talks to the same simulator.
 */
public final class SimulatorReset implements AfterEachCallback {

	@Override
	public void afterEach(ExtensionContext context) {
		SimulatedWebex.bean(SimulatorSettings.class).reset();
		SimulatedWebex.bean(SimulatorClock.class).reset();
		SimulatedWebex.bean(SimulatorStats.class).reset();
		SimulatedWebex.bean(DemoDirectory.class).resetRooms();
	}

}
