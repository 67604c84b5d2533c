import { describe, it, expect } from 'vitest';
import { parseClimateCsv, zonedTimeToUtc, type ClimateCsvOptions } from '../../server/domain/climate-csv.ts';
import { isPlausible, PLAUSIBLE } from '../../server/domain/climate.ts';
import { DomainError } from '../../server/domain/errors.ts';

/** 2026-11-23 09:00 in Asia/Shanghai (UTC+8, the default zone). */
const NINE_SHANGHAI = Date.UTC(2026, 10, 23, 1, 0, 0);
const MIN = 60_000;

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return 'no error';
};

/** Reads one timestamp through a minimal file; NaN when the row is refused as bad_timestamp. */
const stampOf = (timestamp: string, options?: ClimateCsvOptions) => {
  const r = parseClimateCsv(`timestamp,temperature\n"${timestamp}",20`, options);
  if (r.errors.length > 0) {
    expect(r.errors[0].code).toBe('bad_timestamp');
    return Number.NaN;
  }
  return r.readings[0].takenAt;
};

const summary = (r: ReturnType<typeof parseClimateCsv>) => ({
  readings: r.readings.map((x) => [x.line, x.takenAt, x.temperatureC, x.humidityPct]),
  errors: r.errors.map((e) => [e.line, e.code]),
});

describe('common logger layouts', () => {
  it('reads an EasyLog export (day-first dates, extra columns ignored)', () => {
    const csv = [
      'Logger,Time,Celsius(°C),Humidity(%rh),Dew Point(°C),Serial Number',
      'EL-USB-2,23/11/2026 09:00:00,21.5,55.0,12.1,012345678',
      ',23/11/2026 09:05:00,21.6,55.5,12.3,',
      ',23/11/2026 09:10:00,21.4,56.0,12.4,',
    ].join('\n');
    const r = parseClimateCsv(csv);
    expect(r.layout).toEqual({
      delimiter: ',',
      headerLine: 1,
      timestamp: ['Time'],
      temperature: 'Celsius(°C)',
      humidity: 'Humidity(%rh)',
      fahrenheit: false,
      dateOrder: 'dmy',
      timeZone: 'Asia/Shanghai',
    });
    expect(summary(r)).toEqual({
      readings: [
        [2, NINE_SHANGHAI, 21.5, 55],
        [3, NINE_SHANGHAI + 5 * MIN, 21.6, 55.5],
        [4, NINE_SHANGHAI + 10 * MIN, 21.4, 56],
      ],
      errors: [],
    });
    expect(r.duplicatesInFile).toBe(0);
  });

  it('reads an Elitech export', () => {
    const r = parseClimateCsv('No.,Time,Temperature(°C),Humidity(%RH)\n1,2026-11-23 09:00:00,21.5,55.0\n2,2026-11-23 09:05:00,-2.5,60\n');
    expect(r.layout).toMatchObject({ timestamp: ['Time'], temperature: 'Temperature(°C)', humidity: 'Humidity(%RH)', dateOrder: 'ymd' });
    expect(summary(r).readings).toEqual([
      [2, NINE_SHANGHAI, 21.5, 55],
      [3, NINE_SHANGHAI + 5 * MIN, -2.5, 60],
    ]);
  });

  it('reads a Chinese export with a preamble, ℃ in the header and 年月日 dates', () => {
    const csv = ['设备编号: 123', '导出时间: 2026-11-24 10:00', '序号,记录时间,温度(℃),湿度(%RH)', '1,2026年11月23日 09:00,5.5,45', '2,2026年11月23日 09:30,6.0,46.5'].join('\n');
    const r = parseClimateCsv(csv);
    expect(r.layout).toMatchObject({ delimiter: ',', headerLine: 3, timestamp: ['记录时间'], temperature: '温度(℃)', humidity: '湿度(%RH)', fahrenheit: false });
    expect(summary(r).readings).toEqual([
      [4, NINE_SHANGHAI, 5.5, 45],
      [5, NINE_SHANGHAI + 30 * MIN, 6, 46.5],
    ]);
  });

  it('reads a European semicolon export: separate date and time columns, decimal commas, signs and spaces', () => {
    const csv = 'Date;Time;Temp [°C];RH [%]\n23.11.2026;09:00;21,5;55,0\n23.11.2026;09:05; +21,6 ; 56 \n23.11.2026;09:10;-0,5;57\n';
    const r = parseClimateCsv(csv, { timeZone: 'Europe/Berlin' });
    expect(r.layout).toMatchObject({ delimiter: ';', headerLine: 1, timestamp: ['Date', 'Time'], temperature: 'Temp [°C]', humidity: 'RH [%]', dateOrder: 'dmy', timeZone: 'Europe/Berlin' });
    const eightUtc = Date.UTC(2026, 10, 23, 8, 0); // CET is UTC+1 in November
    expect(summary(r)).toEqual({
      readings: [
        [2, eightUtc, 21.5, 55],
        [3, eightUtc + 5 * MIN, 21.6, 56],
        [4, eightUtc + 10 * MIN, -0.5, 57],
      ],
      errors: [],
    });
  });

  it('reads a tab-separated export with ISO timestamps', () => {
    const r = parseClimateCsv('timestamp\ttemperature\thumidity\n2026-11-23T01:00:00Z\t21.5\t55\n2026-11-23T01:05:00Z\t21.7\t54\n');
    expect(r.layout).toMatchObject({ delimiter: '\t', timestamp: ['timestamp'], temperature: 'temperature', humidity: 'humidity' });
    expect(summary(r).readings).toEqual([
      [2, NINE_SHANGHAI, 21.5, 55],
      [3, NINE_SHANGHAI + 5 * MIN, 21.7, 54],
    ]);
  });

  it('reads a file without a humidity column as temperature-only readings', () => {
    const r = parseClimateCsv('Time,Temp\n2026-11-23 09:00,4.5\n');
    expect(r.layout.humidity).toBeNull();
    expect(summary(r).readings).toEqual([[2, NINE_SHANGHAI, 4.5, null]]);
  });

  it('strips a UTF-8 BOM and reads CRLF line ends, counting lines as an editor does', () => {
    const r = parseClimateCsv('\uFEFFtimestamp,temperature,humidity\r\n2026-11-23 09:00,21.5,55\r\n\r\n2026-11-23 09:05,21.6,55\r\n');
    expect(r.layout.timestamp).toEqual(['timestamp']);
    expect(summary(r)).toEqual({
      readings: [
        [2, NINE_SHANGHAI, 21.5, 55],
        [4, NINE_SHANGHAI + 5 * MIN, 21.6, 55],
      ],
      errors: [],
    });
  });

  it('skips preamble lines that have delimiters but no timestamp and temperature columns', () => {
    const csv = 'Logger: EL-USB-2,,,\nStart: 23/11/2026,,,\nLogger,Time,Celsius(°C),Humidity(%rh)\nEL-USB-2,23/11/2026 09:00:00,21.5,55\n';
    const r = parseClimateCsv(csv);
    expect(r.layout.headerLine).toBe(3);
    expect(summary(r).readings).toEqual([[4, NINE_SHANGHAI, 21.5, 55]]);
  });

  it('finds the header on line 30 but not on line 31', () => {
    const preamble = (n: number) => Array.from({ length: n }, (_, i) => `note ${i}`).join('\n');
    expect(parseClimateCsv(`${preamble(29)}\ntimestamp,temperature\n2026-11-23 09:00,20`).layout.headerLine).toBe(30);
    expect(codeOf(() => parseClimateCsv(`${preamble(30)}\ntimestamp,temperature\n2026-11-23 09:00,20`))).toBe('csv_unreadable');
  });

  it.each([
    ['Date/Time,Temperature,RH', ['Date/Time'], 'Temperature', 'RH'],
    ['Date Time;Temperature °C;Relative Humidity', ['Date Time'], 'Temperature °C', 'Relative Humidity'],
    ['Recorded At,T,Humidity%RH', ['Recorded At'], 'T', 'Humidity%RH'],
    ['DATETIME,TEMP,HUMIDITY', ['DATETIME'], 'TEMP', 'HUMIDITY'],
    ['日期,时间,温度,相对湿度', ['日期', '时间'], '温度', '相对湿度'],
    ['采集时间,温度（℃）,湿度（%）', ['采集时间'], '温度（℃）', '湿度（%）'],
    ['日期时间,温度,湿度', ['日期时间'], '温度', '湿度'],
    [' Timestamp , Temperature (°C) , Humidity (%) ', ['Timestamp'], 'Temperature (°C)', 'Humidity (%)'],
  ])('recognises the header %j', (header, timestamp, temperature, humidity) => {
    const delimiter = header.includes(';') ? ';' : ',';
    const row = timestamp.length === 2 ? ['2026-11-23', '09:00', '20', '50'] : ['2026-11-23 09:00', '20', '50'];
    const r = parseClimateCsv(`${header}\n${row.join(delimiter)}`);
    expect(r.layout).toMatchObject({ timestamp, temperature, humidity, fahrenheit: false });
    expect(summary(r).readings).toEqual([[2, NINE_SHANGHAI, 20, 50]]);
  });
});

describe('timestamps', () => {
  it.each([
    ['2026-11-23T01:00:00Z', NINE_SHANGHAI],
    ['2026-11-23T01:00:00.000Z', NINE_SHANGHAI],
    ['2026-11-23T09:00:00+08:00', NINE_SHANGHAI],
    ['2026-11-23T10:00:00+0900', NINE_SHANGHAI],
    ['2026-11-22T20:00:00-05:00', NINE_SHANGHAI],
    ['2026-11-23 09:00', NINE_SHANGHAI],
    ['2026-11-23 09:00:00', NINE_SHANGHAI],
    ['2026-11-23T09:00', NINE_SHANGHAI],
    ['2026-11-23 09:00:00.250', NINE_SHANGHAI + 250],
    ['2026/11/23 09:00:00', NINE_SHANGHAI],
    ['2026/11/23 9:00', NINE_SHANGHAI],
    ['2026.11.23 09:00', NINE_SHANGHAI],
    ['23/11/2026 09:00', NINE_SHANGHAI],
    ['23/11/2026 09:00:00', NINE_SHANGHAI],
    ['23.11.2026 09:00:00', NINE_SHANGHAI],
    ['2026年11月23日 09:00', NINE_SHANGHAI],
    ['2026年11月23日09:00:00', NINE_SHANGHAI],
    ['2026-11-23 9:00 AM', NINE_SHANGHAI],
    ['23/11/2026 09:00:00 am', NINE_SHANGHAI],
    ['2026-11-23 5:30 PM', NINE_SHANGHAI + 8.5 * 60 * MIN],
    ['2026-11-23 12:00 AM', NINE_SHANGHAI - 9 * 60 * MIN],
    ['2026-11-23 12:00 PM', NINE_SHANGHAI + 3 * 60 * MIN],
    ['2026/11/23 下午 5:30:00', NINE_SHANGHAI + 8.5 * 60 * MIN],
    [String(NINE_SHANGHAI / 1000), NINE_SHANGHAI],
    [String(NINE_SHANGHAI), NINE_SHANGHAI],
  ])('reads %s', (text, expected) => {
    expect(stampOf(text)).toBe(expected);
  });

  it.each([
    'yesterday',
    '2026-11-23', // a reading needs a time of day
    '2026-13-01 09:00',
    '2026-02-29 09:00', // 2026 is not a leap year
    '2026-11-23 24:00',
    '2026-11-23 09:60',
    '2026-11-23 13:00 PM',
    '2026-11-23 09:00 +15:00',
    '2026-11-23 09:00 CET',
    '23/11/26 09:00',
    '12345',
    '20261123 0900',
  ])('refuses %j as bad_timestamp', (text) => {
    expect(stampOf(text)).toBeNaN();
  });

  it('accepts 29 February in a leap year', () => {
    expect(stampOf('2028-02-29 08:00', { timeZone: 'UTC' })).toBe(Date.UTC(2028, 1, 29, 8));
  });

  it('reads wall times in the given zone, and an offset in the timestamp wins over it', () => {
    const csv = 'timestamp,temperature\n2026-11-23 09:00:00,20\n2026-11-23T10:00:00+08:00,20.5\n2026-11-23T11:00:00Z,21';
    const taken = (options?: ClimateCsvOptions) => parseClimateCsv(csv, options).readings.map((r) => r.takenAt);
    const [tenShanghai, elevenUtc] = [Date.UTC(2026, 10, 23, 2), Date.UTC(2026, 10, 23, 11)];
    expect(taken()).toEqual([NINE_SHANGHAI, tenShanghai, elevenUtc]);
    expect(taken({ timeZone: 'Asia/Shanghai' })).toEqual([NINE_SHANGHAI, tenShanghai, elevenUtc]);
    expect(taken({ timeZone: 'UTC' })).toEqual([Date.UTC(2026, 10, 23, 9), tenShanghai, elevenUtc]);
    expect(taken({ timeZone: 'America/New_York' })).toEqual([Date.UTC(2026, 10, 23, 14), tenShanghai, elevenUtc]);
    expect(parseClimateCsv(csv, { timeZone: 'UTC' }).layout.timeZone).toBe('UTC');
  });

  it('refuses an unknown time zone option', () => {
    expect(codeOf(() => parseClimateCsv('timestamp,temperature\n2026-11-23 09:00,20', { timeZone: 'Mars/Olympus' }))).toBe('validation_failed');
  });

  it('reads a Berlin file straight across the spring change as evenly spaced instants', () => {
    const csv = 'Date;Time;Temp [°C]\n29.03.2026;01:00;5\n29.03.2026;01:30;5\n29.03.2026;03:00;5\n29.03.2026;03:30;5';
    const r = parseClimateCsv(csv, { timeZone: 'Europe/Berlin' });
    expect(r.readings.map((x) => x.takenAt)).toEqual([0, 30, 60, 90].map((m) => Date.UTC(2026, 2, 29, 0, m)));
  });
});

describe('zonedTimeToUtc', () => {
  it('follows the worked example', () => {
    expect(zonedTimeToUtc(2026, 11, 23, 9, 0, 0, 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 23, 1, 0, 0));
    expect(zonedTimeToUtc(2026, 11, 23, 9, 0, 0, 'UTC')).toBe(Date.UTC(2026, 10, 23, 9, 0, 0));
  });

  it('handles Europe/Berlin around the 2026-03-29 and 2026-10-25 changes', () => {
    const berlin = (mo: number, d: number, h: number, mi: number) => zonedTimeToUtc(2026, mo, d, h, mi, 0, 'Europe/Berlin');
    expect(berlin(3, 28, 12, 0)).toBe(Date.UTC(2026, 2, 28, 11, 0)); // CET, UTC+1
    expect(berlin(3, 29, 1, 59)).toBe(Date.UTC(2026, 2, 29, 0, 59));
    expect(berlin(3, 29, 3, 0)).toBe(Date.UTC(2026, 2, 29, 1, 0)); // CEST, UTC+2
    expect(berlin(3, 29, 2, 30)).toBe(Date.UTC(2026, 2, 29, 1, 30)); // skipped: read as 03:30 CEST
    expect(berlin(3, 30, 0, 30)).toBe(Date.UTC(2026, 2, 29, 22, 30));
    expect(berlin(7, 1, 12, 0)).toBe(Date.UTC(2026, 6, 1, 10, 0));
    expect(berlin(10, 25, 1, 30)).toBe(Date.UTC(2026, 9, 24, 23, 30)); // still CEST
    expect(berlin(10, 25, 2, 30)).toBe(Date.UTC(2026, 9, 25, 0, 30)); // happens twice: the first (CEST)
    expect(berlin(10, 25, 3, 0)).toBe(Date.UTC(2026, 9, 25, 2, 0)); // CET again
    expect(berlin(10, 26, 0, 30)).toBe(Date.UTC(2026, 9, 25, 23, 30));
  });

  it('handles America/New_York (2026-03-08 and 2026-11-01 changes)', () => {
    const ny = (mo: number, d: number, h: number, mi: number) => zonedTimeToUtc(2026, mo, d, h, mi, 0, 'America/New_York');
    expect(ny(1, 15, 12, 0)).toBe(Date.UTC(2026, 0, 15, 17, 0)); // EST, UTC-5
    expect(ny(3, 8, 1, 30)).toBe(Date.UTC(2026, 2, 8, 6, 30));
    expect(ny(3, 8, 2, 30)).toBe(Date.UTC(2026, 2, 8, 7, 30)); // skipped: read as 03:30 EDT
    expect(ny(3, 8, 3, 30)).toBe(Date.UTC(2026, 2, 8, 7, 30)); // EDT, UTC-4
    expect(ny(3, 7, 23, 0)).toBe(Date.UTC(2026, 2, 8, 4, 0)); // evening before, in UTC the change's day
    expect(ny(7, 4, 12, 0)).toBe(Date.UTC(2026, 6, 4, 16, 0));
    expect(ny(11, 1, 1, 30)).toBe(Date.UTC(2026, 10, 1, 5, 30)); // happens twice: the first (EDT)
    expect(ny(11, 1, 2, 30)).toBe(Date.UTC(2026, 10, 1, 7, 30)); // EST
    expect(ny(10, 31, 23, 0)).toBe(Date.UTC(2026, 10, 1, 3, 0));
  });

  it('gives the same answers whatever zones and days were converted before', () => {
    const calls: [number, number, number, number, string, number][] = [
      [3, 29, 3, 0, 'Europe/Berlin', Date.UTC(2026, 2, 29, 1, 0)],
      [3, 29, 3, 0, 'Asia/Shanghai', Date.UTC(2026, 2, 28, 19, 0)],
      [3, 29, 3, 0, 'America/New_York', Date.UTC(2026, 2, 29, 7, 0)],
      [3, 29, 3, 0, 'Europe/Berlin', Date.UTC(2026, 2, 29, 1, 0)],
      [1, 1, 0, 0, 'Europe/Berlin', Date.UTC(2025, 11, 31, 23, 0)],
      [3, 29, 3, 0, 'Europe/Berlin', Date.UTC(2026, 2, 29, 1, 0)],
    ];
    for (const [mo, d, h, mi, zone, expected] of calls) expect(zonedTimeToUtc(2026, mo, d, h, mi, 0, zone)).toBe(expected);
  });
});

describe('day-first or month-first dates', () => {
  const file = (...stamps: string[]) => `Time,Temp\n${stamps.map((s) => `${s},20`).join('\n')}`;

  it("reads day first when a first field is over 12 ('auto')", () => {
    const r = parseClimateCsv(file('03/04/2026 10:00', '13/04/2026 10:00'), { timeZone: 'UTC' });
    expect(r.layout.dateOrder).toBe('dmy');
    expect(r.readings.map((x) => x.takenAt)).toEqual([Date.UTC(2026, 3, 3, 10), Date.UTC(2026, 3, 13, 10)]);
  });

  it("reads month first when only a second field is over 12 ('auto')", () => {
    const r = parseClimateCsv(file('04/13/2026 10:00', '04/03/2026 10:00'), { timeZone: 'UTC' });
    expect(r.layout.dateOrder).toBe('mdy');
    expect(r.readings.map((x) => x.takenAt)).toEqual([Date.UTC(2026, 3, 13, 10), Date.UTC(2026, 3, 3, 10)]);
  });

  it('reads day first when nothing tells', () => {
    const r = parseClimateCsv(file('03/04/2026 10:00'), { timeZone: 'UTC' });
    expect(r.layout.dateOrder).toBe('dmy');
    expect(r.readings[0].takenAt).toBe(Date.UTC(2026, 3, 3, 10));
  });

  it('follows an explicit dateOrder, refusing dates that do not fit it', () => {
    const r = parseClimateCsv(file('03/04/2026 10:00', '13/04/2026 10:00'), { timeZone: 'UTC', dateOrder: 'mdy' });
    expect(r.layout.dateOrder).toBe('mdy');
    expect(summary(r)).toEqual({ readings: [[2, Date.UTC(2026, 2, 4, 10), 20, null]], errors: [[3, 'bad_timestamp']] });
  });

  it("reports 'ymd' for a file whose dates are year first", () => {
    expect(parseClimateCsv(file('2026-04-03 10:00'), { dateOrder: 'mdy' }).layout.dateOrder).toBe('ymd');
  });
});

describe('Fahrenheit', () => {
  it('converts a °F column to °C rounded to 0.1', () => {
    const r = parseClimateCsv('Time,Temperature(°F),Humidity(%RH)\n2026-11-23 09:00,70,50\n2026-11-23 09:05,32,50\n2026-11-23 09:10,-40,50\n2026-11-23 09:15,46.4,50');
    expect(r.layout).toMatchObject({ temperature: 'Temperature(°F)', fahrenheit: true });
    expect(r.readings.map((x) => x.temperatureC)).toEqual([21.1, 0, -40, 8]);
  });

  it.each(['Fahrenheit', 'Temp (F)', 'Temp [°F]', '温度(℉)', 'Temperature °F'])('knows %j is Fahrenheit', (header) => {
    const r = parseClimateCsv(`Timestamp,${header}\n2026-11-23 09:00,212`);
    expect(r.layout.fahrenheit).toBe(true);
    expect(r.errors.map((e) => e.code)).toEqual(['implausible_reading']); // 100 °C
  });

  it('does not take a Celsius column for Fahrenheit', () => {
    expect(parseClimateCsv('Timestamp,Temperature (C)\n2026-11-23 09:00,21').layout.fahrenheit).toBe(false);
  });
});

describe('bad rows', () => {
  it('reports each bad row with its physical line number and still reads the good ones', () => {
    const csv = [
      'Logger: EL-USB-2,,', // 1
      'timestamp,temperature,humidity', // 2
      '2026-11-23 09:00,21.5,55', // 3 good
      'not a date,21.5,55', // 4
      '', // 5 blank: skipped
      '2026-11-23 09:10,abc,55', // 6
      '2026-11-23 09:15,21.5,wet', // 7
      ',,', // 8 empty cells: skipped
      '2026-11-23 09:20,,55', // 9
      '2026-11-23 09:25,21.5,', // 10
      '2026-11-23 09:30,85,55', // 11
      '2026-11-23 09:35,21.5,101', // 12
      ',21.5,55', // 13
      '2026-11-23 09:40,-50.1,55', // 14
      '2026-11-23 09:45,21.5,55', // 15 good
      'Total: 8640', // 16
    ].join('\n');
    const r = parseClimateCsv(csv);
    expect(summary(r)).toEqual({
      readings: [
        [3, NINE_SHANGHAI, 21.5, 55],
        [15, NINE_SHANGHAI + 45 * MIN, 21.5, 55],
      ],
      errors: [
        [4, 'bad_timestamp'],
        [6, 'bad_temperature'],
        [7, 'bad_humidity'],
        [9, 'missing_value'],
        [10, 'missing_value'],
        [11, 'implausible_reading'],
        [12, 'implausible_reading'],
        [13, 'missing_value'],
        [14, 'implausible_reading'],
        [16, 'bad_timestamp'],
      ],
    });
    expect(r.errors[0]).toEqual({ line: 4, code: 'bad_timestamp', message: expect.stringContaining('Line 4'), raw: 'not a date,21.5,55' });
    expect(r.errors[1].message).toContain('abc');
    expect(r.errors.at(-1)?.raw).toBe('Total: 8640');
  });

  it('counts the lines inside a quoted multi-line cell, with CRLF ends', () => {
    const csv = 'timestamp,temperature,note\r\n2026-11-23 09:00,21.5,"door open\r\nfor cleaning"\r\n2026-11-23 09:05,hot,\r\n2026-11-23 09:10,"21.7",ok\r\n';
    const r = parseClimateCsv(csv);
    expect(summary(r)).toEqual({
      readings: [
        [2, NINE_SHANGHAI, 21.5, null],
        [5, NINE_SHANGHAI + 10 * MIN, 21.7, null],
      ],
      errors: [[4, 'bad_temperature']],
    });
    expect(r.errors[0].raw).toBe('2026-11-23 09:05,hot,');
  });

  it('takes a comma as a decimal mark only when it is not the delimiter', () => {
    const r = parseClimateCsv('timestamp,temperature\n2026-11-23 09:00,"21,5"\n2026-11-23 09:05,1e1\n2026-11-23 09:10,0x10');
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'bad_temperature'],
      [3, 'bad_temperature'],
      [4, 'bad_temperature'],
    ]);
    expect(parseClimateCsv('timestamp;temperature\n2026-11-23 09:00;21,5').readings[0].temperatureC).toBe(21.5);
  });

  it('drops rows repeating an earlier good timestamp, keeping the first', () => {
    const csv = [
      'timestamp,temperature',
      '2026-11-23 09:00,20', // 2
      '2026-11-23 09:05,21', // 3
      '2026-11-23 09:00,99.9', // 4 bad (implausible): does not count as seen
      '2026-11-23 09:05,22', // 5 duplicate of line 3
      '2026-11-23 09:00,23', // 6 duplicate of line 2
      '2026-11-23T01:05:00Z,24', // 7 the same instant as line 3, written in UTC
      '2026-11-23 09:10,25', // 8
    ].join('\n');
    const r = parseClimateCsv(csv);
    expect(r.duplicatesInFile).toBe(3);
    expect(summary(r).readings).toEqual([
      [2, NINE_SHANGHAI, 20, null],
      [3, NINE_SHANGHAI + 5 * MIN, 21, null],
      [8, NINE_SHANGHAI + 10 * MIN, 25, null],
    ]);
    expect(summary(r).errors).toEqual([[4, 'implausible_reading']]);
  });

  it('keeps a good row whose timestamp only repeats a bad row', () => {
    const r = parseClimateCsv('timestamp,temperature\n2026-11-23 09:00,abc\n2026-11-23 09:00,20');
    expect(r.duplicatesInFile).toBe(0);
    expect(summary(r).readings).toEqual([[3, NINE_SHANGHAI, 20, null]]);
  });
});

describe('unreadable files (csv_unreadable)', () => {
  it.each([
    ['an empty file', ''],
    ['only a BOM and blank lines', '\uFEFF\r\n\r\n'],
    ['text without a header', 'hello world\nthis is not a logger file'],
    ['a header without a temperature column', 'timestamp,humidity\n2026-11-23 09:00,50'],
    ['a header without a timestamp column', 'No.,Temperature(°C)\n1,20'],
    ['a header and no data rows', 'Time,Temperature(°C),Humidity(%RH)\n'],
    ['a header and only blank rows', 'Time,Temperature(°C),Humidity(%RH)\n,,\n\n'],
    ['an unclosed quote', 'timestamp,temperature\n2026-11-23 09:00,"21.5\n2026-11-23 09:05,21'],
  ])('refuses %s', (_, text) => {
    expect(codeOf(() => parseClimateCsv(text))).toBe('csv_unreadable');
  });
});

describe('isPlausible', () => {
  it('accepts -50..70 °C and 0..100 %RH, bounds included', () => {
    expect(PLAUSIBLE).toEqual({ minC: -50, maxC: 70, minPct: 0, maxPct: 100 });
    expect(isPlausible(21.5, 55)).toBe(true);
    expect(isPlausible(-50, 0)).toBe(true);
    expect(isPlausible(70, 100)).toBe(true);
    expect(isPlausible(20, null)).toBe(true);
    expect(isPlausible(-50.1, 50)).toBe(false);
    expect(isPlausible(70.1, 50)).toBe(false);
    expect(isPlausible(20, -0.1)).toBe(false);
    expect(isPlausible(20, 100.1)).toBe(false);
    expect(isPlausible(Number.NaN, null)).toBe(false);
  });
});

describe('size', () => {
  it('reads a year of 5-minute readings (105,120 rows)', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const start = Date.UTC(2026, 0, 1);
    const rows = ['timestamp,temperature,humidity'];
    for (let i = 0; i < 105_120; i++) {
      const d = new Date(start + i * 5 * MIN); // wall times, written as if UTC
      const stamp = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      rows.push(`${stamp},${(4 + (i % 40) / 10).toFixed(1)},${40 + (i % 30)}`);
    }
    const r = parseClimateCsv(rows.join('\n'));
    expect(r.readings).toHaveLength(105_120);
    expect(r.errors).toEqual([]);
    expect(r.duplicatesInFile).toBe(0);
    expect(r.readings[0]).toEqual({ line: 2, takenAt: start - 8 * 60 * MIN, temperatureC: 4, humidityPct: 40 });
    expect(r.readings.at(-1)).toMatchObject({ line: 105_121, takenAt: start + 105_119 * 5 * MIN - 8 * 60 * MIN });
  });
});
