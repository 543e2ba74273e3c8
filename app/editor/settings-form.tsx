import { FieldMessagesContext, FieldScopeContext } from './forms/form-context.ts';
import { FieldGroup, TextField } from './forms/fields.tsx';
import type { FlowSettings } from './model.ts';
import { FlowLanguageField } from './languages/flow-language-field.tsx';

/** The flow's name, description and the numbers that reach it once published. */
export function SettingsForm({
  settings,
  messages,
  onChange,
}: {
  settings: FlowSettings;
  messages: ReadonlyMap<string, string[]>;
  onChange: (patch: Partial<FlowSettings>, field: string) => void;
}) {
  const numbers = settings.numbers;
  return (
    <FieldScopeContext.Provider value="flow">
      <FieldMessagesContext.Provider value={messages}>
        <div className="settings-form" data-testid="flow-settings">
          <TextField
            path="name"
            label="Name"
            maxLength={120}
            value={settings.name}
            onChange={(name) => onChange({ name }, 'name')}
          />
          <TextField
            path="description"
            label="Description"
            multiline
            maxLength={2000}
            value={settings.description}
            onChange={(description) => onChange({ description }, 'description')}
          />
          <FlowLanguageField value={settings.language} onChange={(language) => onChange({ language }, 'language')} />
          <FieldGroup title="Numbers that reach this flow">
            <p className="field-hint">They answer with this flow once it is published.</p>
            {numbers.length === 0 ? <p className="muted">No number yet: callers cannot reach this flow.</p> : null}
            {numbers.map((number, index) => (
              <div className="number-row" key={index}>
                <TextField
                  path={`numbers.${index}`}
                  label={`Number ${index + 1}`}
                  value={number}
                  onChange={(next) =>
                    onChange({ numbers: numbers.map((old, at) => (at === index ? next : old)) }, `numbers.${index}`)
                  }
                />
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove number ${number || index + 1}`}
                  onClick={() => onChange({ numbers: numbers.filter((_, at) => at !== index) }, 'numbers')}
                >
                  Remove
                </button>
              </div>
            ))}
            <button
              type="button"
              data-testid="add-number"
              onClick={() => onChange({ numbers: [...numbers, ''] }, 'numbers')}
            >
              Add a number
            </button>
          </FieldGroup>
        </div>
      </FieldMessagesContext.Provider>
    </FieldScopeContext.Provider>
  );
}
