package com.example.webex.vault;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Watches how long the context's connections are checked out of its pool: the longest a
 * connection stayed out between {@code getConnection()} and {@code close()}. A refresh
 * that held one across a call to Webex shows up as a checkout as long as that call.
 * Register it as a bean ({@code withBean}, or an extra source of a {@code RunningApp});
 * it wraps the {@link DataSource}.
 */
public class ConnectionWatch implements BeanPostProcessor {

	private final AtomicLong longestNanos = new AtomicLong();

	private final AtomicLong checkedOut = new AtomicLong();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof Watched)) {
			return new Watched(dataSource);
		}
		return bean;
	}

	/**
	 * The longest any connection has been checked out since start or {@link #reset()}.
	 */
	public Duration longestHeld() {
		return Duration.ofNanos(this.longestNanos.get());
	}

	/** Connections checked out right now. */
	public long checkedOut() {
		return this.checkedOut.get();
	}

	public void reset() {
		this.longestNanos.set(0);
	}

	private Connection watch(Connection connection) {
		long out = System.nanoTime();
		this.checkedOut.incrementAndGet();
		AtomicBoolean closed = new AtomicBoolean();
		return (Connection) Proxy.newProxyInstance(ConnectionWatch.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("close") && closed.compareAndSet(false, true)) {
						this.checkedOut.decrementAndGet();
						this.longestNanos.accumulateAndGet(System.nanoTime() - out, Math::max);
					}
					try {
						return method.invoke(connection, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	/** The watched data source; closing it closes the pool, as the context expects. */
	private final class Watched extends DelegatingDataSource implements Closeable {

		Watched(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return watch(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return watch(super.getConnection(username, password));
		}

		@Override
		public void close() throws IOException {
			if (getTargetDataSource() instanceof Closeable closeable) {
				closeable.close();
			}
		}

	}

}
