/**
 * The HSDS 3.1 objects Henvis writes, as far as it fills them (the standard's schemas in
 * standards/hsds/schema define every field; these types name only the ones used here). Fields
 * are left out, never null: the schemas type them as plain strings and numbers.
 */
export interface HsdsTaxonomy {
  id: string;
  name: string;
  description: string;
  version: string;
}

export interface HsdsTaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy: string;
  taxonomy_id: string;
  language: string;
  taxonomy_detail?: HsdsTaxonomy;
}

export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: string;
  taxonomy_term_id: string;
  taxonomy_term?: HsdsTaxonomyTerm;
  value?: string;
}

export interface HsdsPhone {
  id: string;
  service_id: string;
  number: string;
  type: string;
}

export interface HsdsLanguage {
  id: string;
  service_id: string;
  code: string;
  name: string;
}

export interface HsdsSchedule {
  id: string;
  service_id: string;
  freq?: 'WEEKLY';
  byday?: string;
  opens_at?: string;
  closes_at?: string;
  description?: string;
}

export interface HsdsServiceArea {
  id: string;
  service_id: string;
  name: string;
  description: string;
  uri: string;
}

export interface HsdsUnit {
  id: string;
  name: string;
  scheme: string;
  identifier: string;
}

export interface HsdsCapacity {
  id: string;
  service_id: string;
  unit: HsdsUnit;
  unit_id: string;
  available: number;
  maximum?: number;
  updated: string;
}

export interface HsdsAddress {
  id: string;
  location_id: string;
  address_1: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical';
}

export interface HsdsLocation {
  id: string;
  location_type: 'physical';
  organization_id: string;
  name: string;
  addresses: HsdsAddress[];
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  location?: HsdsLocation;
}

export interface HsdsOrganization {
  id: string;
  name: string;
  description: string;
  website?: string;
}

/** A service's one-to-one fields: what a list shows unless `full` is asked for. */
export interface HsdsServiceFlat {
  id: string;
  organization_id: string;
  name: string;
  description?: string;
  url?: string;
  email?: string;
  status: 'active';
  eligibility_description?: string;
  minimum_age?: number;
  maximum_age?: number;
  assured_date?: string;
  last_modified: string;
}

export interface HsdsService extends HsdsServiceFlat {
  organization?: HsdsOrganization;
  phones: HsdsPhone[];
  schedules: HsdsSchedule[];
  service_areas: HsdsServiceArea[];
  service_at_locations: HsdsServiceAtLocation[];
  languages: HsdsLanguage[];
  capacities: HsdsCapacity[];
  attributes: HsdsAttribute[];
}
