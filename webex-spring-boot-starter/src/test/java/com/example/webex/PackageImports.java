package com.example.webex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package imports which, read from the {@code package} and {@code import} lines of
 * a source tree: enough to keep packages free of cycles and layers from importing
 * upwards, without a dependency for it (ArchUnit reads bytecode and knows much more,
 * which these two rules do not need). Same-package references and fully qualified names
 * in code or Javadoc are not imports and are not seen.
 */
public final class PackageImports {

	private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

	private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;",
			Pattern.MULTILINE);

	private final Map<String, Set<String>> imports;

	private PackageImports(Map<String, Set<String>> imports) {
		this.imports = imports;
	}

	/**
	 * Read every {@code .java} file below {@code sourceRoot}.
	 * @param prefix only packages starting with it count, as importers and as imported
	 */
	public static PackageImports read(Path sourceRoot, String prefix) {
		Map<String, Set<String>> imports = new TreeMap<>();
		try (Stream<Path> files = Files.walk(sourceRoot)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String source = Files.readString(file);
				Matcher declared = PACKAGE.matcher(source);
				if (!declared.find() || !declared.group(1).startsWith(prefix)) {
					continue;
				}
				String from = declared.group(1);
				Set<String> targets = imports.computeIfAbsent(from, (key) -> new TreeSet<>());
				Matcher imported = IMPORT.matcher(source);
				while (imported.find()) {
					String to = packageOf(imported.group(1));
					if (to.startsWith(prefix) && !to.equals(from)) {
						targets.add(to);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new PackageImports(imports);
	}

	// The segments before the first one that names a type (upper case by Java
	// convention).
	private static String packageOf(String name) {
		List<String> segments = new ArrayList<>();
		for (String segment : name.split("\\.")) {
			if (Character.isUpperCase(segment.charAt(0))) {
				break;
			}
			segments.add(segment);
		}
		return String.join(".", segments);
	}

	/** Every package read, with the packages it imports. */
	public Map<String, Set<String>> imports() {
		return this.imports;
	}

	/**
	 * The groups of packages that import each other, directly or around a circle
	 * (Tarjan's strongly connected components of more than one package).
	 */
	public List<Set<String>> cycles() {
		List<Set<String>> cycles = new ArrayList<>();
		Map<String, Integer> index = new HashMap<>();
		Map<String, Integer> low = new HashMap<>();
		Deque<String> stack = new ArrayDeque<>();
		for (String start : this.imports.keySet()) {
			if (!index.containsKey(start)) {
				connect(start, index, low, stack, cycles);
			}
		}
		return cycles;
	}

	private void connect(String from, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
			List<Set<String>> cycles) {
		index.put(from, index.size());
		low.put(from, index.get(from));
		stack.push(from);
		for (String to : this.imports.getOrDefault(from, Set.of())) {
			if (!index.containsKey(to)) {
				connect(to, index, low, stack, cycles);
				low.put(from, Math.min(low.get(from), low.get(to)));
			}
			else if (stack.contains(to)) {
				low.put(from, Math.min(low.get(from), index.get(to)));
			}
		}
		if (low.get(from).equals(index.get(from))) {
			Set<String> component = new TreeSet<>();
			String member;
			do {
				member = stack.pop();
				component.add(member);
			}
			while (!member.equals(from));
			if (component.size() > 1) {
				cycles.add(component);
			}
		}
	}

	/**
	 * The imports that reach a higher layer, as {@code "importer -> imported"}.
	 * @param layer the layer of a package, higher above lower
	 */
	public List<String> upwardImports(ToIntFunction<String> layer) {
		List<String> upward = new ArrayList<>();
		this.imports.forEach((from, targets) -> {
			for (String to : targets) {
				if (layer.applyAsInt(to) > layer.applyAsInt(from)) {
					upward.add(from + " -> " + to);
				}
			}
		});
		return upward;
	}

}
