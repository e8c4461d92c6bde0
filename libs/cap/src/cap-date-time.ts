// CAP 1.2 §3.2.1 (sent) and §3.3.2: date and time in the form "2002-05-24T16:49:00-07:00";
// "Alphabetic timezone designators such as "Z" MUST NOT be used. The timezone for UTC MUST be
// represented as "-00:00"". cap12.xsd restricts xs:dateTime with the same pattern, which also
// rules out fractional seconds.
//
// 'Z' is refused, not rewritten. Faro takes CAP from the alerting authorities it is configured
// for, not from scraped feeds, so a sender that writes 'Z' learns it when onboarding from a
// precise error at the element; accepting it would mean either re-emitting schema-invalid CAP
// downstream or silently rewriting a field of a possibly signed message. Every sample we hold
// (OASIS Appendix A, NWS/IPAWS, Environment Canada, USGS, NSW RFS) already uses an offset.
// '+00:00' is accepted: the schema pattern allows it and USGS feeds use it.
const CAP_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})[+-](\d{2}):(\d{2})$/;

// Returns why the text is not a CAP dateTime, or undefined when it is one.
export function capDateTimeProblem(text: string): string | undefined {
  const match = CAP_DATE_TIME.exec(text);
  if (!match) {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/i.test(text)) {
      return `'${text}' uses 'Z'; CAP 1.2 §3.2.1 requires a numeric offset, '-00:00' for UTC`;
    }
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+/.test(text)) {
      return `'${text}' has fractional seconds, which the CAP 1.2 dateTime pattern does not allow`;
    }
    return `'${text}' is not a CAP dateTime (YYYY-MM-DDThh:mm:ss followed by an offset such as -07:00)`;
  }
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match.slice(1).map(Number);
  // xs:dateTime has no year 0000; hour 24 (end of day) is valid there but no CAP sender uses it,
  // and refusing it keeps the value unambiguous for Date().
  if (year === 0) return `'${text}' has year 0000`;
  if (month < 1 || month > 12) return `'${text}' has month ${match[2]}`;
  if (day < 1 || day > daysInMonth(year, month)) return `'${text}' has day ${match[3]}, which month ${match[2]} does not have`;
  if (hour > 23 || minute > 59 || second > 59) return `'${text}' is not a valid time of day`;
  if (offsetHours > 14 || offsetMinutes > 59 || (offsetHours === 14 && offsetMinutes > 0)) {
    return `'${text}' has an offset beyond ±14:00`;
  }
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
