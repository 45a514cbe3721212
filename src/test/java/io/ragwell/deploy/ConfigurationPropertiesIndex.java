package io.ragwell.deploy;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The application's {@code @ConfigurationProperties} classes, found by scanning the classpath so that classes
 * added on other branches are picked up after a merge without touching this test, and a way to ask whether
 * an environment variable binds to one of them exactly as the running application would bind it.
 */
final class ConfigurationPropertiesIndex {

	/**
	 * Store adapters whose properties are written on other branches. A variable in one of these sections is
	 * only pending while no properties class declares the section; a typo anywhere else still fails.
	 */
	static final List<String> PENDING_SECTIONS = List.of("ragwell.store.weaviate", "ragwell.store.opensearch",
			"ragwell.store.pinecone");

	private final List<PropertiesClass> classes;

	private ConfigurationPropertiesIndex(List<PropertiesClass> classes) {
		this.classes = classes;
	}

	static ConfigurationPropertiesIndex scan(String basePackage) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		List<PropertiesClass> classes = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
			Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
			ConfigurationProperties annotation = AnnotationUtils.findAnnotation(type, ConfigurationProperties.class);
			if (annotation != null && !annotation.prefix().isEmpty()) {
				classes.add(new PropertiesClass(type, annotation.prefix()));
			}
		}
		if (classes.isEmpty()) {
			throw new IllegalStateException("no @ConfigurationProperties classes found under " + basePackage);
		}
		return new ConfigurationPropertiesIndex(classes);
	}

	List<String> prefixes() {
		return this.classes.stream().map(PropertiesClass::prefix).sorted().toList();
	}

	/**
	 * Binds every properties class against an environment holding only this variable, through the same
	 * system-environment mapping and conversion service the application uses.
	 * @param variable an environment variable name, e.g. {@code RAGWELL_STORE_LUCENE_PATH}
	 * @param value its value; one that does not convert to the property's type fails the bind
	 * @return whether some property took the variable's value
	 */
	Binding bind(String variable, String value) {
		// The source must carry the system environment's name: only then does Boot apply the
		// RAGWELL_STORE_LUCENE_PATH -> ragwell.store.lucene.path mapping.
		SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, value));
		Binder binder = new Binder(ConfigurationPropertySources.from(source), null,
				ApplicationConversionService.getSharedInstance());
		Set<String> bound = new HashSet<>();
		AbstractBindHandler recorder = new AbstractBindHandler() {

			@Override
			public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					@Nullable Object result) {
				ConfigurationProperty property = context.getConfigurationProperty();
				if (property != null) {
					bound.add(property.getName().toString());
				}
				return result;
			}

		};
		for (PropertiesClass properties : this.classes) {
			Bindable<?> target = Bindable.of(properties.type());
			if (properties.type().isRecord()) {
				target = target.withBindMethod(BindMethod.VALUE_OBJECT);
			}
			binder.bind(properties.prefix(), target, recorder);
		}
		return new Binding(!bound.isEmpty(), bound);
	}

	/**
	 * @param variable an environment variable name
	 * @return the pending section it belongs to, or {@code null} when it belongs to none or that section's
	 * properties class is present
	 */
	@Nullable String pendingSection(String variable) {
		String name = variable.toLowerCase(Locale.ROOT).replace('_', '.');
		for (String section : PENDING_SECTIONS) {
			if (name.startsWith(section + ".") && !declares(section)) {
				return section;
			}
		}
		return null;
	}

	/** Whether some properties class declares this dotted section, as its prefix or a nested property. */
	boolean declares(String section) {
		for (PropertiesClass properties : this.classes) {
			String prefix = properties.prefix();
			if (prefix.equals(section) || prefix.startsWith(section + ".")) {
				return true;
			}
			if (section.startsWith(prefix + ".")) {
				List<String> segments = Arrays.asList(section.substring(prefix.length() + 1).split("\\."));
				if (hasPath(properties.type(), segments)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean hasPath(Class<?> type, List<String> segments) {
		if (segments.isEmpty() || Map.class.isAssignableFrom(type)) {
			return true;
		}
		if (!type.isRecord()) {
			return false;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			if (uniform(component.getName()).equals(uniform(segments.getFirst()))) {
				return hasPath(component.getType(), segments.subList(1, segments.size()));
			}
		}
		return false;
	}

	/** Relaxed binding's view of a name: case, dashes and underscores do not matter. */
	private static String uniform(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
	}

	record PropertiesClass(Class<?> type, String prefix) {
	}

	/**
	 * @param bound whether any property took the value
	 * @param properties the property names that did
	 */
	record Binding(boolean bound, Set<String> properties) {
	}

}
