import { registerDecorator, ValidationOptions } from 'class-validator';

/** +45 and 8 digits (single spaces allowed), or a short national number such as 112, 114, 1888. */
export function isDanishPhone(value: unknown): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  const trimmed = value.trim();
  if (/ {2}/.test(trimmed)) {
    return false;
  }
  return /^\+45 ?(\d ?){7}\d$/.test(trimmed) || /^\d{3,4}$/.test(trimmed);
}

export function IsDanishPhone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isDanishPhone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: ({ property }) =>
          `${property} must be a Danish phone number: +45 and 8 digits (spaces allowed), or a short number like 112 or 1888`,
        ...options,
      },
      validator: { validate: isDanishPhone },
    });
  };
}
