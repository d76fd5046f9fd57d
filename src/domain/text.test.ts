import { describe, it, expect } from 'vitest';
import { foldVietnamese, normalizeSpaces, removeDiacritics, stripUnitPrefix, textFault } from './text.js';

describe('normalizeSpaces', () => {
  it.each([
    ['  Xã  Hoàng   Văn Thụ ', 'Xã Hoàng Văn Thụ'],
    ['Xã\tCò\u00a0Nòi', 'Xã Cò Nòi'],
    ['', ''],
    ['   ', ''],
    // decomposed (NFD) input comes back composed
    ['Xa\u0303 Nâ\u0323m Ne\u0300n', 'Xã Nậm Nèn'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeSpaces(input)).toBe(expected);
  });
});

describe('removeDiacritics', () => {
  it.each([
    ['Lào Cai', 'Lao Cai'],
    ['Đà Nẵng', 'Da Nang'],
    ['đường Điện Biên Phủ', 'duong Dien Bien Phu'],
    ['Thừa Thiên Huế', 'Thua Thien Hue'],
    ['Ứng Hòa', 'Ung Hoa'],
    ['Hoà  Bình', 'Hoa Binh'],
    ['Phường 12', 'Phuong 12'],
    ["Đạ M'ri", "Da M'ri"],
    ['Xã Cư M\u2019gar', "Xa Cu M'gar"],
    ['M\u2018Drắk', "M'Drak"],
    ['ASCII only', 'ASCII only'],
  ])('%j → %j', (input, expected) => {
    expect(removeDiacritics(input)).toBe(expected);
  });
});

describe('foldVietnamese', () => {
  it.each([
    ['lao cai', 'Lào Cai'],
    ['DA NANG', 'Đà Nẵng'],
    ['  ho  chi   minh ', 'Hồ Chí Minh'],
    ['hoa binh', 'Hòa Bình'],
    ['hoa binh', 'Hoà Bình'],
    ['dak lak', 'Đắk Lắk'],
    ['dac khu con dao', 'Đặc khu Côn Đảo'],
    ["cu m'gar", 'Cư M\u2019gar'],
  ])('%j matches %j', (a, b) => {
    expect(foldVietnamese(a)).toBe(foldVietnamese(b));
  });

  it.each([
    ['Lào Cai', 'lao cai'],
    ['ĐẮK NÔNG', 'dak nong'],
    ['Xa\u0303 Nâ\u0323m Ne\u0300n', 'xa nam nen'],
    ['', ''],
  ])('%j folds to %j', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });

  it.each([
    ['Lào Cai', 'Lai Châu'],
    ['Hà Nam', 'Hà Nội'],
    ['Quảng Nam', 'Quảng Ninh'],
  ])('%j does not match %j', (a, b) => {
    expect(foldVietnamese(a)).not.toBe(foldVietnamese(b));
  });
});

describe('stripUnitPrefix', () => {
  it.each([
    ['Tỉnh Lào Cai', 'Tỉnh', 'Lào Cai'],
    ['Thành phố Hà Nội', 'Thành phố', 'Hà Nội'],
    ['Thành Phố Bắc Kạn', 'Thành phố', 'Bắc Kạn'],
    ['Xã Bát Xát', 'Xã', 'Bát Xát'],
    ['Xã  Hoàng Văn Thụ', 'Xã', 'Hoàng Văn Thụ'],
    ['Phường Ba Đình', 'Phường', 'Ba Đình'],
    ['Phường 12', 'Phường', '12'],
    ['Đặc khu Côn Đảo', 'Đặc khu', 'Côn Đảo'],
    ['Huyện  Vũng Liêm', 'Huyện', 'Vũng Liêm'],
    ['Quận Ba Đình', 'Quận', 'Ba Đình'],
    ['Thị xã Sơn Tây', 'Thị xã', 'Sơn Tây'],
    ['Thị Xã Mường Lay', 'Thị xã', 'Mường Lay'],
    ['Thị trấn Ba Chẽ', 'Thị trấn', 'Ba Chẽ'],
    ['Thị Trấn Châu Ổ', 'Thị trấn', 'Châu Ổ'],
    ['Thị trấn NT Mộc Châu', 'Thị trấn', 'NT Mộc Châu'],
    ['XÃ BÁT XÁT', 'Xã', 'BÁT XÁT'],
    ['Xa\u0303 Nâ\u0323m Ne\u0300n', 'Xã', 'Nậm Nèn'],
  ])('%j → prefix %j, bare %j', (name, prefix, bareName) => {
    expect(stripUnitPrefix(name)).toEqual({ prefix, bareName });
  });

  it.each([
    ['Lào Cai', 'Lào Cai'],
    ['Hồ Chí Minh', 'Hồ Chí Minh'],
    // a prefix word without a name after it is the name itself
    ['Xã', 'Xã'],
    ['Thị xã ', 'Thị xã'],
    // a prefix must be a whole word
    ['Xãy Dựng', 'Xãy Dựng'],
    ['Huyệnx Test', 'Huyệnx Test'],
    // prefixes only at the start
    ['Bắc Thành phố', 'Bắc Thành phố'],
    ['', ''],
  ])('%j has no prefix', (name, bareName) => {
    expect(stripUnitPrefix(name)).toEqual({ prefix: null, bareName });
  });
});

describe('textFault', () => {
  it.each([
    ['Lào Cai 😀', null],
    ['', null],
    ['\t\r\n', null],
    ['a\u0000b', 'nul'],
    ['\u0000', 'nul'],
    ['a\ud800b', 'loneSurrogate'],
    ['\ude00', 'loneSurrogate'],
    ['😀\ud83d', 'loneSurrogate'],
  ])('%j: %s', (text, fault) => {
    expect(textFault(text)).toBe(fault);
  });
});
