package dev.moose.maven;

import java.util.function.Function;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.ComponentConfigurationException;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.codehaus.plexus.component.configurator.converters.basic.AbstractBasicConverter;

/**
 * Maven's parameter configurator, plus the {@link MaskedParameter} types. The basic configurator tells Maven's debug
 * output the text of a value it converts through a {@code set(String)} method; these converters make the value
 * themselves, so only its masked {@code toString()} is printed. Declared in {@code META-INF/plexus/components.xml};
 * the goals name it with {@code @Mojo(configurator = "moose")}.
 */
public class MooseConfigurator extends BasicComponentConfigurator implements ComponentConfigurator {

    public MooseConfigurator() {
        converterLookup.registerConverter(new Masking(MaskedParameter.Password.class, MaskedParameter.Password::new));
        converterLookup.registerConverter(new Masking(MaskedParameter.Url.class, MaskedParameter.Url::new));
    }

    private static final class Masking extends AbstractBasicConverter {
        private final Class<?> type;
        private final Function<String, Object> make;

        Masking(Class<?> type, Function<String, Object> make) {
            this.type = type;
            this.make = make;
        }

        @Override
        public boolean canConvert(Class<?> candidate) {
            return candidate == type;
        }

        @Override
        protected Object fromString(String text) throws ComponentConfigurationException {
            return make.apply(text);
        }
    }
}
