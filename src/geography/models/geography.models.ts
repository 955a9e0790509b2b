import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class GeoPoint {
  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;
}

@ObjectType({ description: 'One of the 5 Danish regions (official code 1081-1085).' })
export class Region {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field()
  nameEn!: string;
}

@ObjectType({ description: 'One of the 98 Danish municipalities (official 3-digit code).' })
export class Municipality {
  @Field()
  code!: string;

  @Field()
  name!: string;

  regionCode!: string;

  @Field(() => GeoPoint, {
    description: 'Approximate town-hall position: for ranking by distance, not routing.',
  })
  location!: GeoPoint;
}
