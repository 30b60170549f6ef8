/**
 * What the demo company of `orderline seed --demo` holds (sales-demo.ts builds it): its catalog by
 * product family, its customers, its salespeople, and its deals with the state each ends in. Plain
 * data, so a change to the demo is an edit here.
 */
export type UnitName = 'Primary Unit' | 'Each' | 'Box of 10' | 'Hour' | 'Day';

export interface DemoProduct {
  readonly productnumber: string;
  readonly name: string;
  readonly price: string;
  readonly cost?: string;
  readonly unit?: UnitName;
  /** Services (3) are not stock items. */
  readonly type?: number;
  /** Takes the Volume tiers discount list on Retail USD. */
  readonly tiered?: boolean;
}

export const FAMILIES: readonly {
  readonly name: string;
  readonly productnumber: string;
  readonly products: readonly DemoProduct[];
}[] = [
  {
    name: 'Furniture',
    productnumber: 'FAM-FURN',
    products: [
      { productnumber: 'DESK-04', name: 'Standing Desk XL', price: '849.00', cost: '512.00' },
      { productnumber: 'CHAIR-05', name: 'Executive Chair', price: '459.00', cost: '251.00', tiered: true },
      { productnumber: 'PED-06', name: 'Mobile Pedestal', price: '189.00', cost: '96.00' },
      { productnumber: 'TABLE-07', name: 'Meeting Table', price: '1290.00', cost: '780.00' },
      { productnumber: 'SHELF-08', name: 'Bookcase', price: '239.00', cost: '121.00' },
    ],
  },
  {
    name: 'Accessories',
    productnumber: 'FAM-ACC',
    products: [
      { productnumber: 'LAMP-09', name: 'LED Desk Lamp', price: '59.90', cost: '22.40', tiered: true },
      { productnumber: 'FOOT-10', name: 'Adjustable Footrest', price: '39.50', cost: '14.10', tiered: true },
      { productnumber: 'CABLE-11', name: 'Cable Tray', price: '24.99', cost: '8.75', unit: 'Each', tiered: true },
      { productnumber: 'MAT-12', name: 'Anti-fatigue Mat', price: '74.00', cost: '31.00', tiered: true },
    ],
  },
  {
    name: 'Technology',
    productnumber: 'FAM-TECH',
    products: [
      { productnumber: 'MON-13', name: '27-inch 4K Monitor', price: '329.00', cost: '241.00' },
      { productnumber: 'DOCK-14', name: 'USB-C Docking Station', price: '219.00', cost: '148.00' },
      { productnumber: 'KEY-15', name: 'Wireless Keyboard and Mouse', price: '69.99', cost: '38.00', tiered: true },
      { productnumber: 'CAM-16', name: 'Conference Camera', price: '549.00', cost: '390.00' },
      { productnumber: 'HEAD-17', name: 'Noise-cancelling Headset', price: '129.00', cost: '71.00', tiered: true },
    ],
  },
  {
    name: 'Services',
    productnumber: 'FAM-SVC',
    products: [
      { productnumber: 'SVC-18', name: 'Installation', price: '85.00', unit: 'Hour', type: 3 },
      { productnumber: 'SVC-19', name: 'Workplace Design Consultation', price: '960.00', unit: 'Day', type: 3 },
      { productnumber: 'SVC-20', name: 'Extended Warranty, 3 years', price: '149.00', type: 3 },
    ],
  },
];

/** Retail USD also sells the cable tray by the box. */
export const BOX_PRICE = { productnumber: 'CABLE-11', unit: 'Box of 10' as const, amount: '229.90' };

export interface DemoAccount {
  readonly accountnumber: string;
  readonly name: string;
  readonly city: string;
  readonly country: string;
  readonly telephone1: string;
  readonly contacts: readonly (readonly [firstname: string, lastname: string, jobtitle: string])[];
}

export const ACCOUNTS: readonly DemoAccount[] = [
  {
    accountnumber: 'FABRIKAM',
    name: 'Fabrikam, Inc.',
    city: 'Seattle',
    country: 'United States',
    telephone1: '+1 206 555 0142',
    contacts: [
      ['Morgan', 'Reyes', 'Facilities Manager'],
      ['Sam', 'Okafor', 'Purchasing Lead'],
    ],
  },
  {
    accountnumber: 'NORTHWIND',
    name: 'Northwind Traders',
    city: 'Portland',
    country: 'United States',
    telephone1: '+1 503 555 0110',
    contacts: [['Laura', 'Callahan', 'Office Manager']],
  },
  {
    accountnumber: 'ADVWORKS',
    name: 'Adventure Works Cycles',
    city: 'Bothell',
    country: 'United States',
    telephone1: '+1 425 555 0177',
    contacts: [
      ['Ken', 'Sanchez', 'Chief Executive'],
      ['Terri', 'Duffy', 'Store Planning'],
    ],
  },
  {
    accountnumber: 'TAILSPIN',
    name: 'Tailspin Toys',
    city: 'Austin',
    country: 'United States',
    telephone1: '+1 512 555 0163',
    contacts: [['Priya', 'Natarajan', 'Studio Lead']],
  },
  {
    accountnumber: 'WWI',
    name: 'Wide World Importers',
    city: 'San Francisco',
    country: 'United States',
    telephone1: '+1 415 555 0129',
    contacts: [['Hudson', 'Onslow', 'Warehouse Manager']],
  },
  {
    accountnumber: 'LITWARE',
    name: 'Litware, Inc.',
    city: 'Dallas',
    country: 'United States',
    telephone1: '+1 214 555 0194',
    contacts: [
      ['Amara', 'Diallo', 'IT Director'],
      ['Jonas', 'Berg', 'Workplace Services'],
    ],
  },
  {
    accountnumber: 'ALPINE',
    name: 'Alpine Ski House',
    city: 'Denver',
    country: 'United States',
    telephone1: '+1 303 555 0152',
    contacts: [['Elena', 'Varga', 'Retail Operations']],
  },
  {
    accountnumber: 'COHO',
    name: 'Coho Winery',
    city: 'Napa',
    country: 'United States',
    telephone1: '+1 707 555 0185',
    contacts: [['Marco', 'Bellini', 'Estate Manager']],
  },
  {
    accountnumber: 'WOODGROVE',
    name: 'Woodgrove Bank',
    city: 'New York',
    country: 'United States',
    telephone1: '+1 212 555 0101',
    contacts: [
      ['Grace', 'Whitfield', 'Procurement'],
      ['Omar', 'Haddad', 'Branch Operations'],
    ],
  },
];

export interface DemoUser {
  readonly domainname: string;
  readonly firstname: string;
  readonly lastname: string;
  readonly role: 'Sales Manager' | 'Salesperson';
  /** `ol_saleslicense`: 1 Sales Professional, 2 Sales Enterprise, 3 Sales Premium. */
  readonly license: number;
}

export const SALESPEOPLE: readonly DemoUser[] = [
  { domainname: 'andrew.fuller', firstname: 'Andrew', lastname: 'Fuller', role: 'Sales Manager', license: 3 },
  { domainname: 'nancy.davolio', firstname: 'Nancy', lastname: 'Davolio', role: 'Salesperson', license: 2 },
  { domainname: 'janet.leverling', firstname: 'Janet', lastname: 'Leverling', role: 'Salesperson', license: 2 },
  { domainname: 'robert.king', firstname: 'Robert', lastname: 'King', role: 'Salesperson', license: 1 },
];

export type Line = readonly [productnumber: string, quantity: number, unit?: UnitName];

export interface Deal {
  readonly name: string;
  /** Account number, or CONTOSO for the starter demo's customer. */
  readonly customer: string;
  readonly owner: string;
  readonly priceList: 'retail' | 'wholesale';
  readonly lines: readonly Line[];
  readonly freight?: string;
}

/** `paid`: invoiced, and the invoice paid. */
export type OrderOutcome = 'active' | 'submitted' | 'canceled' | 'fulfilled' | 'paid';

export const ORDERS: readonly (Deal & { readonly outcome: OrderOutcome })[] = [
  {
    outcome: 'active',
    name: 'Northwind break room chairs',
    customer: 'NORTHWIND',
    owner: 'nancy.davolio',
    priceList: 'retail',
    lines: [
      ['CHAIR-05', 6],
      ['FOOT-10', 6],
    ],
  },
  {
    outcome: 'active',
    name: 'Tailspin studio monitors',
    customer: 'TAILSPIN',
    owner: 'janet.leverling',
    priceList: 'wholesale',
    lines: [
      ['MON-13', 12],
      ['ARM-03', 12],
      ['DOCK-14', 12],
    ],
  },
  {
    outcome: 'active',
    name: 'Coho tasting room lighting',
    customer: 'COHO',
    owner: 'robert.king',
    priceList: 'retail',
    lines: [
      ['LAMP-09', 8],
      ['CABLE-11', 2, 'Box of 10'],
    ],
    freight: '25',
  },
  {
    outcome: 'submitted',
    name: 'Adventure Works showroom',
    customer: 'ADVWORKS',
    owner: 'nancy.davolio',
    priceList: 'wholesale',
    lines: [
      ['DESK-04', 4],
      ['CHAIR-02', 4],
      ['SVC-18', 16, 'Hour'],
    ],
  },
  {
    outcome: 'submitted',
    name: 'Woodgrove branch refresh',
    customer: 'WOODGROVE',
    owner: 'andrew.fuller',
    priceList: 'retail',
    lines: [
      ['DESK-01', 20],
      ['CHAIR-05', 20],
      ['HEAD-17', 20],
    ],
    freight: '180',
  },
  {
    outcome: 'submitted',
    name: 'Litware conference rooms',
    customer: 'LITWARE',
    owner: 'janet.leverling',
    priceList: 'retail',
    lines: [
      ['TABLE-07', 3],
      ['CAM-16', 3],
      ['SVC-19', 2, 'Day'],
    ],
  },
  {
    outcome: 'canceled',
    name: 'Alpine Ski House pop-up store',
    customer: 'ALPINE',
    owner: 'robert.king',
    priceList: 'retail',
    lines: [
      ['SHELF-08', 5],
      ['MAT-12', 5],
    ],
  },
  {
    outcome: 'fulfilled',
    name: 'Wide World warehouse office',
    customer: 'WWI',
    owner: 'nancy.davolio',
    priceList: 'wholesale',
    lines: [
      ['DESK-01', 6],
      ['PED-06', 6],
      ['KEY-15', 6],
    ],
  },
  {
    outcome: 'fulfilled',
    name: 'Contoso reception',
    customer: 'CONTOSO',
    owner: 'janet.leverling',
    priceList: 'retail',
    lines: [
      ['SHELF-08', 2],
      ['LAMP-09', 4],
    ],
    freight: '30',
  },
  {
    outcome: 'paid',
    name: 'Northwind training room',
    customer: 'NORTHWIND',
    owner: 'nancy.davolio',
    priceList: 'retail',
    lines: [
      ['TABLE-07', 2],
      ['CHAIR-02', 16],
      ['SVC-18', 6, 'Hour'],
    ],
  },
];

export type OpportunityOutcome = 'open' | 'won' | 'lost';
export type QuoteOutcome = 'draft' | 'active' | 'lost' | 'revised' | 'converted';

/** Opportunities, each with the quote made for it (if any); a converted quote's order is invoiced. */
export const OPPORTUNITIES: readonly (Deal & {
  readonly outcome: OpportunityOutcome;
  readonly probability: number;
  readonly quote?: QuoteOutcome;
})[] = [
  {
    outcome: 'won',
    probability: 100,
    quote: 'converted',
    name: 'Fabrikam HQ refit',
    customer: 'FABRIKAM',
    owner: 'andrew.fuller',
    priceList: 'retail',
    lines: [
      ['DESK-04', 25],
      ['CHAIR-05', 25],
      ['SVC-19', 3, 'Day'],
    ],
    freight: '250',
  },
  {
    outcome: 'open',
    probability: 60,
    quote: 'draft',
    name: 'Tailspin second floor',
    customer: 'TAILSPIN',
    owner: 'janet.leverling',
    priceList: 'wholesale',
    lines: [
      ['DESK-01', 18],
      ['MON-13', 18],
    ],
  },
  {
    outcome: 'open',
    probability: 75,
    quote: 'active',
    name: 'Woodgrove call center headsets',
    customer: 'WOODGROVE',
    owner: 'andrew.fuller',
    priceList: 'retail',
    lines: [
      ['HEAD-17', 120],
      ['SVC-20', 120],
    ],
  },
  {
    outcome: 'open',
    probability: 40,
    quote: 'revised',
    name: 'Adventure Works fitting rooms',
    customer: 'ADVWORKS',
    owner: 'nancy.davolio',
    priceList: 'retail',
    lines: [
      ['SHELF-08', 10],
      ['MAT-12', 10],
      ['LAMP-09', 10],
    ],
  },
  {
    outcome: 'lost',
    probability: 20,
    quote: 'lost',
    name: 'Coho Winery office move',
    customer: 'COHO',
    owner: 'robert.king',
    priceList: 'retail',
    lines: [
      ['DESK-04', 6],
      ['CHAIR-05', 6],
    ],
  },
  {
    outcome: 'open',
    probability: 30,
    name: 'Alpine Ski House flagship',
    customer: 'ALPINE',
    owner: 'robert.king',
    priceList: 'wholesale',
    lines: [
      ['TABLE-07', 1],
      ['CAM-16', 1],
    ],
  },
];
