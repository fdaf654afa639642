package com.example.webex.simulator.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.example.webex.simulator.WebexSimulator;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a {@link WebexSimulator}, which its test and lifecycle
 * methods take as a parameter; see {@link WebexSimulatorExtension} for the lifecycle. For
 * Spring's {@code @DynamicPropertySource}, which cannot take parameters, register the
 * extension on a static field instead.
 *
 * <pre class="code">
 * &#64;WebexSimulatorTest(properties = "simulator.rotate-refresh-tokens=true")
 * class RefreshTests {
 *
 *     &#64;Test
 *     void refreshWhenRotatingThenNewRefreshToken(WebexSimulator webex) { ... }
 *
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(WebexSimulatorExtension.class)
public @interface WebexSimulatorTest {

	/**
	 * Settings of the simulator, each {@code name=value} as on its command line, e.g.
	 * {@code simulator.latency=20ms}.
	 */
	String[] properties() default {};

	/** Whether test classes configured alike share one simulator per JVM. */
	boolean sharedPerJvm() default false;

}
