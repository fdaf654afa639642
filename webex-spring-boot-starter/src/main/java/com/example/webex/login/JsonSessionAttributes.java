package com.example.webex.login;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.log.LogFormatUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.util.ConcurrentLruCache;

/**
 * Session attributes as JSON, for Spring Session's JDBC store, instead of Java
 * serialization.
 * <p>
 * Spring Security's Jackson modules write each object with its class name and read back
 * only the classes on their allow-list (their own types, with the JDK's collections and
 * value types), to which {@link PendingAuthorizationRequests.Pending} is added; any other
 * class named in a stored value is refused before it is instantiated, so a row written
 * into the database by someone else cannot run code the way a Java-serialized gadget can.
 * Java serialization would also break stored sessions on a Spring Security upgrade: 7.0
 * gives its classes their own {@code serialVersionUID}s.
 * <p>
 * A stored value that cannot be read (one Java-serialized by a version before this one,
 * or naming a class off the list) reads as absent: the user is signed out and signs in
 * again, instead of every request of that session failing. A value that would not read
 * back as itself is never written.
 * <p>
 * Every request of a signed-in user reads the same stored security context (and CSRF
 * token) again: parsing it was a fifth of the session's cost per page in the benchmark's
 * profile (bench/README.md). So the values read last are kept by their stored bytes, and
 * the same bytes give the same value without parsing: the same Authentication and token
 * (immutable once signed in), in a new SecurityContext each time (a request may change or
 * clear its own). Kept by content, not by session, so a value changed by another instance
 * is new bytes and read anew. Values of other types (a sign-in under way) are parsed each
 * time.
 */
final class JsonSessionAttributes {

	private static final Logger logger = LoggerFactory.getLogger(JsonSessionAttributes.class);

	/**
	 * How every Java serialization stream starts
	 * ({@code ObjectStreamConstants.STREAM_MAGIC}).
	 */
	private static final byte[] JAVA_SERIALIZATION = { (byte) 0xAC, (byte) 0xED };

	/**
	 * How many stored values are kept parsed: about 5 KB each (the bytes and the object
	 * graph), so at most about 5 MB of heap; more users than that at once are parsed on
	 * some of their requests.
	 */
	static final int KEPT_VALUES = 1024;

	/** Marks stored bytes whose value is parsed on each {@link #read}. */
	private static final Object NOT_KEPT = new Object();

	/** Marks stored bytes that do not read as a value (said once, when first read). */
	private static final Object UNREADABLE = new Object();

	private final ObjectWriter writer;

	private final ObjectReader reader;

	private final ConcurrentLruCache<Stored, Object> kept = new ConcurrentLruCache<>(KEPT_VALUES, this::parseToKeep);

	JsonSessionAttributes(ClassLoader classLoader) {
		BasicPolymorphicTypeValidator.Builder types = BasicPolymorphicTypeValidator.builder()
			.allowIfSubType(PendingAuthorizationRequests.Pending.class);
		JsonMapper mapper = JsonMapper.builder()
			.addModules(SecurityJacksonModules.getModules(classLoader, types))
			.build();
		// written as Object, so that the root value carries its class name too
		this.writer = mapper.writerFor(Object.class);
		this.reader = mapper.readerFor(Object.class);
	}

	/**
	 * Spring Session's attribute (de)serialization, as {@code setConversionService} takes
	 * it.
	 */
	ConversionService conversionService() {
		GenericConversionService conversions = new GenericConversionService();
		conversions.addConverter(Object.class, byte[].class, this::write);
		conversions.addConverter(byte[].class, Object.class, this::read);
		return conversions;
	}

	byte[] write(Object value) {
		byte[] json = this.writer.writeValueAsBytes(value);
		Object back = read(json);
		if (back == null || back.getClass() != value.getClass()) {
			throw new IllegalArgumentException("A session attribute of type " + value.getClass().getName()
					+ " would not read back as itself: add the type to the allow-list in "
					+ getClass().getSimpleName());
		}
		return json;
	}

	@Nullable Object read(byte[] stored) {
		Object kept = this.kept.get(new Stored(stored));
		if (kept instanceof SecurityContext context) {
			return new SecurityContextImpl(context.getAuthentication());
		}
		if (kept == UNREADABLE) {
			return null;
		}
		return (kept != NOT_KEPT) ? kept : parse(stored);
	}

	/**
	 * What {@link #read} keeps for these bytes: the value when it can be handed out
	 * again.
	 */
	private Object parseToKeep(Stored stored) {
		Object value = parse(stored.bytes());
		if (value == null) {
			return UNREADABLE;
		}
		return (value instanceof SecurityContext || value instanceof DefaultCsrfToken) ? value : NOT_KEPT;
	}

	private @Nullable Object parse(byte[] stored) {
		try {
			return this.reader.readValue(stored);
		}
		catch (JacksonException ex) {
			if (startsWith(stored, JAVA_SERIALIZATION)) {
				logger.info("Ignored a session attribute stored before sessions were kept as JSON;"
						+ " its user signs in again");
			}
			else if (ex instanceof InvalidTypeIdException refused) {
				logger.warn("Ignored a session attribute naming a class off the allow-list: {}",
						LogFormatUtils.formatValue(refused.getTypeId(), 200, true));
			}
			else {
				logger.warn("Ignored a session attribute that is not readable JSON ({})",
						ex.getClass().getSimpleName());
			}
			return null;
		}
	}

	/** Stored bytes compared by content. */
	private record Stored(byte[] bytes) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Stored stored && Arrays.equals(this.bytes, stored.bytes);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.bytes);
		}

		@Override
		public String toString() {
			// never the content: it may hold a CSRF token
			return "Stored[" + this.bytes.length + " bytes]";
		}

	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
	}

}
